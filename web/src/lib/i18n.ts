import type { Locale } from '../api/types.js';

/** UI strings, Chinese first; one language per screen. */
const zh = {
  appName: '落实 · 妇儿规划督办',
  dashboard: '工作台',
  myTasks: '我的任务',
  importPlan: '导入规划',
  plans: '规划',
  tasks: '督办台账',
  review: '待审核',
  notices: '通知与邮件',
  units: '成员单位',
  users: '用户',
  tokens: 'API 令牌',
  audit: '审计日志',
  calendar: '日历订阅',
  rollup: '下级工委汇总',
  login: '登录',
  logout: '退出登录',
  loginName: '登录名',
  password: '密码',
  forgot: '忘记密码？',
  loginFailed: '登录名或密码不正确',
  locked: '尝试次数过多，请 {s} 秒后再试',
  changePassword: '修改密码',
  currentPassword: '当前密码',
  newPassword: '新密码',
  mustChange: '首次登录请先修改密码',
  resetRequest: '发送重置链接',
  resetSent: '如果该账号存在，重置链接已发送到其邮箱。',
  resetConfirm: '设置新密码',
  conflict: '其他人刚刚修改了这条记录，请刷新后再试。',
  reload: '刷新',
  loading: '加载中…',
  save: '保存',
  cancel: '取消',
  confirm: '确认',
  submit: '提交',
  search: '搜索',
  export: '导出',
  emptyPlans: '还没有规划。请先在“导入规划”中上传规划文件。',
  emptyTasks: '没有符合条件的任务。导入规划并生成任务后会显示在这里。',
  emptyMyTasks: '暂无任务。工委办公室生成任务后会出现在这里。',
  language: '语言',
} as const;

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  appName: 'Luoshi · plan supervision',
  dashboard: 'Dashboard',
  myTasks: 'My tasks',
  importPlan: 'Import plan',
  plans: 'Plans',
  tasks: 'Task ledger',
  review: 'Review queue',
  notices: 'Notices & mail',
  units: 'Member units',
  users: 'Users',
  tokens: 'API tokens',
  audit: 'Audit log',
  calendar: 'Calendar feed',
  rollup: 'Lower committees',
  login: 'Log in',
  logout: 'Log out',
  loginName: 'Login',
  password: 'Password',
  forgot: 'Forgot password?',
  loginFailed: 'Wrong login or password',
  locked: 'Too many attempts; try again in {s} s',
  changePassword: 'Change password',
  currentPassword: 'Current password',
  newPassword: 'New password',
  mustChange: 'Please change your password first',
  resetRequest: 'Send reset link',
  resetSent: 'If the account exists, a reset link was sent to its e-mail.',
  resetConfirm: 'Set new password',
  conflict: 'Someone else changed this record; reload and try again.',
  reload: 'Reload',
  loading: 'Loading…',
  save: 'Save',
  cancel: 'Cancel',
  confirm: 'Confirm',
  submit: 'Submit',
  search: 'Search',
  export: 'Export',
  emptyPlans: 'No plans yet. Upload a plan file under "Import plan" first.',
  emptyTasks: 'No matching tasks. Import a plan and generate its duties to see them here.',
  emptyMyTasks: 'No tasks yet. They appear here once the committee office generates them.',
  language: 'Language',
};

export function translate(locale: Locale, key: MessageKey, vars: Record<string, string | number> = {}): string {
  const text: string = locale === 'en' ? en[key] : zh[key];
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

/** Where the browser remembers the chosen language (before login). */
export const LOCALE_KEY = 'luoshi.locale';

/** The language before login: what the user chose last on this browser, else the browser's, else zh-CN. */
export function initialLocale(stored: string | null, browser: readonly string[]): Locale {
  if (stored === 'en' || stored === 'zh-CN') return stored;
  const first = browser[0]?.toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

/** Pick the label in the UI language from a {zh-CN, en} pair the API sends. */
export function label(labels: Record<Locale, string> | undefined, locale: Locale, fallback = ''): string {
  return labels?.[locale] ?? labels?.['zh-CN'] ?? fallback;
}
