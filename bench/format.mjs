// Numbers and cells of the benchmark's markdown tables.
export const mb = bytes => bytes / 1e6
export const fixed = (value, digits = 1) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })
export const count = value => value.toLocaleString('en-US')
export const duration = ms => (ms >= 1000 ? `${fixed(ms / 1000, 2)} s` : `${fixed(ms, 0)} ms`)
export const runsOf = n => `${n} run${n === 1 ? '' : 's'}`
export const status = met => (met ? 'met' : '**MISSED**')
export const rssCell = result => (result.rssKb === undefined ? 'n/a' : `${fixed(mb(result.rssKb * 1024))} MB`)
export const cpuCell = result => (result.cpuMs === undefined ? 'n/a' : duration(result.cpuMs))

export function recallCell(result) {
  return `${result.found}/${result.planted}${result.found === result.planted ? '' : ` (${fixed((100 * result.found) / result.planted)}%)`}`
}

export function falseAlarmCell(result) {
  if (result.falseAlarms.length === 0) return '0'
  const kinds = {}
  for (const alarm of result.falseAlarms)
    kinds[alarm.lookAlike ?? 'other'] = (kinds[alarm.lookAlike ?? 'other'] ?? 0) + 1
  return `${result.falseAlarms.length} (${Object.entries(kinds)
    .map(([kind, n]) => `${kind}: ${n}`)
    .join(', ')})`
}
