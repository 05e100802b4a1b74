const asciiCounts = new Int32Array(128)

/**
 * Shannon entropy in bits per character of `text.slice(start, end)`, without copying it: 0 for a run of
 * one character, log2(n) for n distinct characters. Counts UTF-16 code units.
 */
export function shannonEntropy(text: string, start = 0, end = text.length): number {
  const length = end - start
  if (length <= 0) return 0
  let other: Map<number, number> | undefined
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i)
    if (code < 128) asciiCounts[code]++
    else {
      other ??= new Map()
      other.set(code, (other.get(code) ?? 0) + 1)
    }
  }
  let entropy = 0
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i)
    if (code < 128 && asciiCounts[code] > 0) {
      entropy -= entropyTerm(asciiCounts[code], length)
      asciiCounts[code] = 0
    }
  }
  other?.forEach(count => (entropy -= entropyTerm(count, length)))
  return entropy
}

/** p·log2(p) for a character seen `count` times in `length`. */
function entropyTerm(count: number, length: number): number {
  const p = count / length
  return p * Math.log2(p)
}
