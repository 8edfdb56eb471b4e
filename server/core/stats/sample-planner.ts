// The sample planner (docs/statistics.md#sample-planner): from a closed round's fitted model (c, σ²_u), how reliable a
// unit's estimate is with n interviews, how many interviews a reliability or a detectable change needs, and how wide
// an interval n interviews give. Pure arithmetic on the model's two numbers.

const Z_975 = 1.959963984540054;
const Z_80 = 0.8416212335729143;

export interface PlannerModel {
  c: number;
  sigma2u: number;
}

/** Rounds up, ignoring the last bits of floating-point error (84.00000000000001 interviews are 84). */
function roundUp(x: number): number {
  return Math.ceil(x - 1e-9);
}

/** ρ(n) = σ²_u/(σ²_u + c/n): the squared correlation between a unit's direct estimate and its true level. */
export function reliabilityAt(m: PlannerModel, n: number): number {
  return m.sigma2u / (m.sigma2u + m.c / n);
}

/** Interviews per unit for a reliability target: c·target / (σ²_u·(1 − target)) rounded up; null when σ²_u = 0. */
export function interviewsForReliability(m: PlannerModel, target: number): number | null {
  if (!(m.sigma2u > 0)) return null;
  return roundUp((m.c * target) / (m.sigma2u * (1 - target)));
}

/** Interviews per unit to detect a change d between two rounds with 80% power, two-sided 5%. */
export function interviewsForChange(m: Pick<PlannerModel, 'c'>, d: number): number {
  return roundUp((2 * m.c * (Z_975 + Z_80) ** 2) / (d * d));
}

/** Smallest change detectable (80% power, two-sided 5%) with n interviews per unit in each round. */
export function detectableChange(m: Pick<PlannerModel, 'c'>, n: number): number {
  return (Z_975 + Z_80) * Math.sqrt((2 * m.c) / n);
}

/** The 95% interval half-width of a direct estimate from n interviews: 1.96·√(c/n). */
export function halfWidthAt(m: Pick<PlannerModel, 'c'>, n: number): number {
  return Z_975 * Math.sqrt(m.c / n);
}
