/** Small wording helpers the diagnosis and the reports share. */

/** "The key …" from "the key …": a clause that starts a sentence. */
export function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** "the key …" from "The key …": a sentence that continues another. */
export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1)
}

/** `12,345`: digits grouped by hand, as Intl.NumberFormat costs ~30 ms of ICU start-up on first use. */
export function formatCount(count: number): string {
  const [whole, fraction] = String(Math.abs(count)).split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',')
  return `${count < 0 ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : pluralForm}`
}
