// A roster contact (民调数据库的一个号码): a phone number of a grid, by category, with a status that decides whether
// it may still be called. The number itself is personal data: sealed, shown masked (docs/rules.md#personal-data).

export type ContactStatus = 'active' | 'invalid' | 'suspended' | 'do_not_call';

export const CONTACT_STATUSES: readonly ContactStatus[] = ['active', 'invalid', 'suspended', 'do_not_call'];

export const CONTACT_STATUS_LABELS: Readonly<Record<ContactStatus, string>> = {
  active: '正常',
  invalid: '空号',
  suspended: '停机',
  do_not_call: '拒绝再访',
};

/** The categories a district keeps its roster by (the sweep counts by them); an import row with any other is refused. */
export const DEFAULT_CONTACT_CATEGORIES: readonly string[] = ['常住居民', '流动人口', '企业', '学校', '重点人群'];

/** Whether a contact with this status may be drawn for a call. */
export function isCallable(status: ContactStatus): boolean {
  return status === 'active';
}

/** A roster contact as pages see it: the masked number only (the number itself is opened by `reveal`, see
 * features/roster/contacts-repo.ts). */
export interface Contact {
  id: number;
  gridId: number;
  /** 138****1234 or 0731-****5678. */
  masked: string;
  category: string | null;
  status: ContactStatus;
  statusChangedAt: string | null;
  createdAt: string;
}

/** What the one interviewer calling a contact may see (audited by whoever asks for it). */
export interface RevealedContact {
  contactId: number;
  gridId: number;
  /** Canonical form (core/privacy/phone.ts), ready for a tel: link. */
  phone: string;
  name: string | null;
  note: string | null;
}

/** Shown for a contact imported without a category. */
export const NO_CATEGORY_LABEL = '未分类';

export function contactStatusOf(text: string): ContactStatus | undefined {
  return CONTACT_STATUSES.find((s) => s === text);
}

/** Why a contact's status cannot change from `from` to `to`, or undefined when it can. Any status may be set again
 * (a number marked 停机 may come back), but not to the one it already has: that form was stale. */
export function statusChangeProblem(from: ContactStatus, to: ContactStatus): string | undefined {
  if (from === to) return `该号码已经是“${CONTACT_STATUS_LABELS[to]}”状态`;
  return undefined;
}
