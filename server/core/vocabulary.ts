// A closed vocabulary (a receipt's states, the ways a reply reaches a resident…) is written once, as its Chinese
// labels; its type and its list of values come from them, so the three can never disagree.

/** The values of a vocabulary, in the order its labels are written. */
export function valuesOf<K extends string>(labels: Readonly<Record<K, string>>): readonly K[] {
  return Object.keys(labels) as K[];
}
