import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

/** Real directories under the OS temp dir, removed by `removeAll()` (call it in afterAll). */
export class TempTrees {
  private readonly roots: string[] = []

  /** Writes `files` (POSIX relative path → content; arrays are lines) into a fresh directory and returns it. */
  create(files: Record<string, string | string[]>): string {
    const root = mkdtempSync(path.join(tmpdir(), 'okd-repo-checks-'))
    this.roots.push(root)
    this.write(root, files)
    return root
  }

  write(root: string, files: Record<string, string | string[]>): void {
    for (const [relativePath, content] of Object.entries(files)) {
      const absolute = path.join(root, ...relativePath.split('/'))
      mkdirSync(path.dirname(absolute), { recursive: true })
      writeFileSync(absolute, Array.isArray(content) ? content.join('\n') + '\n' : content)
    }
  }

  removeAll(): void {
    for (const root of this.roots.splice(0)) rmSync(root, { recursive: true, force: true })
  }
}
