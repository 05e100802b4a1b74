/** Orders strings by their UTF-16 code units: the same order on every machine (`localeCompare` follows the locale). */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
