import type { RepoCheckCut, RepoCheckLimit } from '../core/diagnosis-types.js'

/** The repository checks' time budget: they run on every fork pull request, so a pull request must not set it. */
export const REPO_CHECK_BUDGET_MS = 10_000
/** Env var reads (in code and run scripts) and names set (workflows, `.env` files) compared, at most each. */
export const MAX_ENV_NAMES = 5_000

/**
 * What bounds the repository checks besides the read limits: a time budget, spent file by file, and caps on
 * the names compared. Whatever it cuts is recorded (typed, with plain words) so that the report says the
 * checks were not complete, and why, instead of "nothing found".
 */
export class CheckBudget {
  private readonly deadline: number
  private readonly recorded = new Map<RepoCheckLimit, RepoCheckCut>()

  constructor(
    budgetMs: number = REPO_CHECK_BUDGET_MS,
    private readonly now: () => number = Date.now
  ) {
    this.deadline = now() + budgetMs
  }

  /** The items in order while the budget lasts; when it runs out, the rest are left and the cut recorded. */
  *take<T>(items: Iterable<T>): Generator<T> {
    for (const item of items) {
      if (this.now() > this.deadline) {
        this.cut('time', 'their time budget ran out before every file was checked')
        return
      }
      yield item
    }
  }

  /** The first `max` items; the rest are counted in the cut. */
  cap<T>(items: T[], max: number, what: string): T[] {
    this.capCount(items.length, max, what)
    return items.length <= max ? items : items.slice(0, max)
  }

  /** Records the cut when `count` items pass `max`, for a caller that takes the first `max` itself. */
  capCount(count: number, max: number, what: string): void {
    if (count > max) this.cut('names', `only the first ${max} ${what} were compared (of ${count})`)
  }

  cut(limit: RepoCheckLimit, detail: string): void {
    if (!this.recorded.has(limit)) this.recorded.set(limit, { limit, detail })
  }

  cuts(): RepoCheckCut[] {
    return [...this.recorded.values()]
  }
}
