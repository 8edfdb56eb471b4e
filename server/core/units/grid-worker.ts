// The grid worker named on a grid's poster: a name and a work phone residents call to check the poster is genuine.
// The phone is printed on purpose, but it is still a phone number: it never goes into logs or audit details.

export interface GridWorker {
  name: string;
  phone: string;
}

export const LONGEST_WORKER_NAME = 20;

/** Mobile (13812345678), landline with area code (0731-88886666, 073188886666) and an optional extension (-123). */
const WORK_PHONE = /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(?:-\d{1,6})?)$/;

export interface GridWorkerInput {
  name: string;
  phone: string;
}

export type GridWorkerCheck = { ok: true; worker: GridWorker | null } | { ok: false; problems: string[] };

/** Spaces and the full-width or ASCII dashes people type inside a number, so that 138 1234 5678 is accepted. */
function normalisePhone(raw: string): string {
  return raw.trim().replace(/[\s\u3000]+/g, '').replace(/[－—–]/g, '-');
}

/**
 * Checks what a form or import gave for a grid's worker. Both empty clears the entry; a name without a phone (or
 * the reverse) is refused, because a poster that names nobody to call, or a number with no name, verifies nothing.
 */
export function checkGridWorker(input: GridWorkerInput): GridWorkerCheck {
  const name = input.name.trim();
  const phone = normalisePhone(input.phone);
  if (name === '' && phone === '') return { ok: true, worker: null };
  const problems: string[] = [];
  if (name === '') problems.push('请填写网格员姓名（填写了电话时必填）');
  else if ([...name].length > LONGEST_WORKER_NAME) problems.push(`网格员姓名不能超过 ${LONGEST_WORKER_NAME} 个字`);
  else if (/[<>"'&\\/]|[\u0000-\u001f]/.test(name)) problems.push('网格员姓名含有不允许的字符');
  if (phone === '') problems.push('请填写网格员工作电话（填写了姓名时必填）');
  else if (!WORK_PHONE.test(phone)) problems.push('工作电话格式不正确：请填写 11 位手机号，或带区号的固话（如 0731-88886666）');
  return problems.length > 0 ? { ok: false, problems } : { ok: true, worker: { name, phone } };
}
