// How the product names a unit with too few completed interviews to show a score or a rank, typed once.

/** Fewer completed interviews than the round's minimum sample: no score, no rank. */
export const INSUFFICIENT_LABEL = '样本不足';
