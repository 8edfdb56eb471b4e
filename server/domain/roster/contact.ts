// A roster contact (民调数据库的一个号码): a phone number of a grid, by category, with a status that decides whether
// it may still be called. The number itself is personal data: stored encrypted, shown masked (see PRODUCT.md §9).

export type ContactStatus = 'active' | 'invalid' | 'suspended' | 'do_not_call';

export const CONTACT_STATUSES: readonly ContactStatus[] = ['active', 'invalid', 'suspended', 'do_not_call'];

export const CONTACT_STATUS_LABELS: Readonly<Record<ContactStatus, string>> = {
  active: '正常',
  invalid: '空号',
  suspended: '停机',
  do_not_call: '拒绝再访',
};

/** The categories a district usually keeps its roster by; an import may use others (free text, trimmed). */
export const DEFAULT_CONTACT_CATEGORIES: readonly string[] = ['常住居民', '流动人口', '企业', '学校', '重点人群'];

/** Whether a contact with this status may be drawn for a call. */
export function isCallable(status: ContactStatus): boolean {
  return status === 'active';
}
