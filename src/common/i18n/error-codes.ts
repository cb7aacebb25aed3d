import type { Locale } from './locale.js';
import { importWarningMessage, type WarningParams } from './import-warnings.js';

/**
 * Every error code the API answers with, and what it says in each language. A thrown AppError
 * carries the English sentence with the specifics; a code with a template here (parameters from
 * the error's details) is said in the asked language, and every code has at least a sentence in
 * both. An error code not listed here is a bug (a test checks that every code used is listed).
 */
type Params = Record<string, unknown>;
/** A template gets the error's parameters and its own message (for errors thrown with a Chinese message). */
type Entry = Record<Locale, string | ((p: Params, message: string) => string | null)>;
const own = (_p: Params, message: string) => message;

const list = (v: unknown) => (Array.isArray(v) ? v.join('、') : String(v ?? ''));

export const ERROR_CODES = {
  // Generic HTTP
  BAD_REQUEST: { 'zh-CN': '请求无效', en: 'bad request' },
  UNAUTHORIZED: { 'zh-CN': '请先登录', en: 'sign in first' },
  FORBIDDEN: { 'zh-CN': '无权执行此操作', en: 'not allowed' },
  NOT_FOUND: {
    'zh-CN': (p) =>
      p.what && p.id !== undefined
        ? `${WHAT_ZH[String(p.what)] ?? String(p.what)} ${String(p.id)} 不存在`
        : '请求的记录或地址不存在',
    en: 'not found',
  },
  METHOD_NOT_ALLOWED: { 'zh-CN': '不支持该请求方法', en: 'method not allowed' },
  CONFLICT: { 'zh-CN': '与现有数据冲突', en: 'conflict' },
  PAYLOAD_TOO_LARGE: { 'zh-CN': '请求内容过大', en: 'request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { 'zh-CN': '不支持的文件或内容类型', en: 'unsupported media type' },
  UNPROCESSABLE: { 'zh-CN': '请求无法处理', en: 'unprocessable request' },
  TOO_MANY_REQUESTS: { 'zh-CN': '请求过于频繁，请稍后再试', en: 'too many requests' },
  INTERNAL_ERROR: { 'zh-CN': '服务内部错误，详情见服务日志', en: 'internal error; the details are in the service log' },
  ERROR: { 'zh-CN': '请求失败', en: 'request failed' },
  // Request shape
  VALIDATION_FAILED: { 'zh-CN': (p) => (p.fields ? `请求无效：${list(p.fields)}` : '请求无效'), en: 'invalid request' },
  MALFORMED_JSON: { 'zh-CN': '请求内容不是有效的 JSON', en: 'request body is not valid JSON' },
  INVALID_DATE: { 'zh-CN': '日期无效（应为 YYYY-MM-DD）', en: 'invalid date' },
  INVALID_ACTOR: { 'zh-CN': '操作人信息无效', en: 'invalid actor' },
  // Records
  DUPLICATE: { 'zh-CN': '已存在相同的记录', en: 'a record with the same unique value already exists' },
  DUPLICATE_NAME: {
    'zh-CN': (p) =>
      Array.isArray(p.clashes) && p.clashes.length
        ? `名称已被其他单位使用：${(p.clashes as Array<{ name: string; as: string; unitId: number }>).map((c) => `${c.name}（单位 ${c.unitId} 的${c.as === 'alias' ? '别名' : '名称'}）`).join('、')}`
        : p.name
          ? `名称“${String(p.name)}”已被使用`
          : '名称已被使用',
    en: 'name already in use',
  },
  DUPLICATE_NUMBER: { 'zh-CN': '序号重复', en: 'duplicate number' },
  VERSION_CONFLICT: {
    'zh-CN': (p) =>
      p.currentVersion !== undefined
        ? `该记录已被他人修改（当前版本 ${String(p.currentVersion)}，你提交的是 ${String(p.expectedVersion)}），请刷新后重试`
        : '该记录已被他人修改，请刷新后重试',
    en: 'changed by someone else; reload and try again',
  },
  INVALID_PARENT: { 'zh-CN': '上级工委无效', en: 'invalid parent committee' },
  PARENT_CYCLE: {
    'zh-CN': (p) => (p.path ? `上级工委形成循环：${list(p.path)}` : '上级工委形成循环'),
    en: 'the parent would make a cycle of committees',
  },
  READ_ONLY_COMMITTEE: {
    'zh-CN': '下级工委的数据只能查看，不能修改',
    en: "a lower-level committee's data is read-only for you",
  },
  NOT_OWN_COMMITTEE: { 'zh-CN': '只能修改本工委自己的信息', en: 'only its own office may change a committee' },
  DIFFERENT_COMMITTEES: { 'zh-CN': '不能跨工委操作', en: 'the records belong to different committees' },
  OTHER_COMMITTEE: { 'zh-CN': '规划和单位属于不同的工委', en: 'the plan and the unit belong to different committees' },
  UNIT_IN_USE: {
    'zh-CN': '该单位仍承担规划任务，不能删除；请改为合并到其他单位',
    en: 'the unit is still assigned; merge it instead',
  },
  INVALID_PERIOD: { 'zh-CN': '规划期无效（结束年不能早于开始年，且不超过20年）', en: 'invalid plan period' },
  DEMO_EXISTS: { 'zh-CN': '示例数据已加载（demo remove 可删除）', en: 'the demo is already loaded' },
  // Import and task-division sheet
  EMPTY_FILE: { 'zh-CN': '文件是空的', en: 'the file is empty' },
  BINARY_FILE: { 'zh-CN': '文件不是文本或 Word 文档', en: 'the file is not text or a Word document' },
  UNDECODABLE: { 'zh-CN': '无法识别文件的文字编码', en: "the file's text encoding cannot be read" },
  NO_PLAN: { 'zh-CN': '文件中没有找到规划', en: 'no plan found in the file' },
  TOO_LARGE: { 'zh-CN': '文件过大', en: 'the file is too large' },
  FILE_MISSING: { 'zh-CN': '请上传文件（表单字段 file）', en: 'upload a file (form field file)' },
  UNKNOWN_UNITS: {
    'zh-CN': (p) =>
      p.names
        ? `以下单位名称未知，请对应到已有单位或确认新建：${list(p.names)}`
        : '有未知的单位名称，请对应到已有单位或确认新建',
    en: 'unknown unit names',
  },
  UNKNOWN_UNIT: { 'zh-CN': '单位不存在', en: 'unknown unit' },
  UNREADABLE_SHEET: { 'zh-CN': '无法读取表格文件', en: 'the sheet cannot be read' },
  NO_ROWS: { 'zh-CN': '表格中没有数据行', en: 'the sheet has no rows' },
  TOO_MANY_ROWS: { 'zh-CN': '表格行数过多', en: 'the sheet has too many rows' },
  // Duties
  INVALID_TRANSITION: {
    'zh-CN': (p) =>
      p.allowed ? `当前状态下不能执行该操作；现在可以：${list(p.allowed) || '无'}` : '当前状态下不能执行该操作',
    en: 'invalid transition',
  },
  REASON_REQUIRED: { 'zh-CN': '请填写理由', en: 'a reason is required' },
  UNKNOWN_ACTION: { 'zh-CN': '未知的操作', en: 'unknown action' },
  UNKNOWN_TARGET: { 'zh-CN': '目标或措施不存在', en: 'no such goal or measure' },
  UNKNOWN_PLAN: { 'zh-CN': '规划不存在', en: 'no such plan' },
  MIXED_PLANS: {
    'zh-CN': '同一任务的目标和措施必须属于同一规划',
    en: 'the goals and measures of one task must belong to one plan',
  },
  NOT_AD_HOC: {
    'zh-CN': '只有交办任务可以修改标题和说明',
    en: 'only ad hoc tasks have an editable title and description',
  },
  TASK_NOT_OPEN: { 'zh-CN': '任务已办结或已取消', en: 'the task is not open' },
  TASK_NOT_EDITABLE: { 'zh-CN': '任务当前不能修改', en: 'the task cannot be edited now' },
  TASK_CLOSED: { 'zh-CN': '任务已关闭', en: 'the task is closed' },
  ITEM_INACTIVE: { 'zh-CN': '该事项已不再适用', en: 'the item no longer applies' },
  INVALID_INDICATOR_VALUE: { 'zh-CN': '指标值无效', en: 'invalid indicator value' },
  INVALID_DUTY_RULES: {
    'zh-CN': (p) => (p.fields ? `任务规则无效：${list(p.fields)}` : '任务规则无效'),
    en: 'invalid duty rules',
  },
  EXTENSION_PENDING: { 'zh-CN': '已有待审批的延期申请', en: 'an extension request is already pending' },
  DATE_NOT_LATER: {
    'zh-CN': '新的截止日期必须晚于当前截止日期',
    en: 'the new date must be later than the current deadline',
  },
  NOT_PENDING: { 'zh-CN': '该申请已处理', en: 'not pending' },
  // Notifications
  NOTHING_TO_URGE: {
    'zh-CN': '所选任务均未在办理中（已提交、已办结和已取消的任务不催办）',
    en: 'none of the chosen tasks is open',
  },
  PREVIEW_OUTDATED: {
    'zh-CN': '通报内容与预览不一致（数据、文字或收件人已变化），请重新预览',
    en: 'the circular differs from the preview; preview it again',
  },
  NO_RECIPIENTS: {
    'zh-CN': '没有成员单位联络员的电子邮件地址',
    en: 'no member unit has a liaison with an e-mail address',
  },
  NOT_RETRYABLE: { 'zh-CN': '该邮件不能重发', en: 'the message cannot be retried' },
  MAIL_WITHHELD: {
    'zh-CN': '该邮件含只给收件人的一次性链接，不能下载',
    en: 'the message holds a one-time link for its recipient only',
  },
  INVALID_RECIPIENT: { 'zh-CN': '收件人地址无效', en: 'invalid recipient' },
  INVALID_MESSAGE: { 'zh-CN': '邮件内容无效', en: 'invalid message' },
  // Files: archives and Office documents (the English message names sizes and limits)
  NOT_AN_ARCHIVE: {
    'zh-CN': '文件不是有效的 Office 文档（应为 zip 格式的 .docx/.xlsx）',
    en: 'not an Office document',
  },
  ARCHIVE_TOO_LARGE: { 'zh-CN': '文件解压后的总大小超过上限，已拒绝', en: 'the archive expands beyond the limit' },
  ARCHIVE_ENTRY_TOO_LARGE: {
    'zh-CN': '文件中有一部分解压后超过大小上限，已拒绝（可能是压缩炸弹）',
    en: 'an archive entry expands beyond the limit',
  },
  ARCHIVE_RATIO: { 'zh-CN': '文件的压缩比异常，已拒绝（可能是压缩炸弹）', en: 'the archive is compressed too far' },
  ARCHIVE_TOO_MANY_ENTRIES: { 'zh-CN': '文件包含的部件过多，已拒绝', en: 'the archive has too many entries' },
  ARCHIVE_TOO_DEEP: { 'zh-CN': '文件内的目录层级过深，已拒绝', en: 'the archive nests too deep' },
  ARCHIVE_UNSUPPORTED: { 'zh-CN': '文件使用了不支持的压缩方式或已加密', en: 'unsupported archive' },
  DOCUMENT_TOO_COMPLEX: { 'zh-CN': '文档结构过于复杂，已拒绝', en: 'the document is too complex' },
  DOCUMENT_TOO_DEEP: { 'zh-CN': '文档的嵌套层级过深，已拒绝', en: 'the document nests too deep' },
  FORMULA_CELL: {
    'zh-CN': (p) =>
      `${p.row ? `第${String(p.row)}行` : '表格中'}有公式单元格但没有计算结果，请在 Excel 中打开并保存后再上传`,
    en: 'a formula cell has no cached value',
  },
  BAD_CELL: { 'zh-CN': '表格中有无法读取的单元格', en: 'unreadable cell' },
  NO_HEADER: {
    'zh-CN': '没有找到任务分工表：应有“序号 | 主要目标 | 牵头单位 | 责任单位”之类的表头行',
    en: 'no task-division table found',
  },
  UNREADABLE_DOCUMENT: { 'zh-CN': '该文件是压缩包，但不是 Word .docx 文档', en: 'not a Word document' },
  // Plan texts: the parser says these in Chinese, with the line
  // The refusal quotes the preview's first error, rendered from its code and params in the asked language.
  NO_PERIOD: { 'zh-CN': (p, message) => firstImportError(p, 'zh-CN') ?? message, en: own },
  LINE_TOO_LONG: { 'zh-CN': own, en: own },
  TOO_MANY_GOALS: { 'zh-CN': own, en: own },
  TOO_MANY_INDICATORS: { 'zh-CN': own, en: own },
  NOT_A_PLAN_INTERPRETATION: { 'zh-CN': own, en: own },
  NOT_A_PLAN_NOTICE: { 'zh-CN': own, en: own },
  ISSUE_DATE_MISSING: {
    'zh-CN': (p) => {
      const plans = Array.isArray(p.plans)
        ? (p.plans as Array<{ planId: number; title: string }>).map((x) => `规划 ${x.planId} ${x.title}`).join('、')
        : '';
      return `${plans ? `${plans}：` : ''}没有颁布日期，请先填写颁布日期，再生成任务`;
    },
    en: 'set the issue date first',
  },
  DATABASE_UNAVAILABLE: { 'zh-CN': '数据库暂时无法访问，请稍后再试', en: 'the database is unavailable' },
  // Accounts and access
  UNAUTHENTICATED: { 'zh-CN': '请先登录（API 令牌无效、已撤销或已过期时也是如此）', en: 'log in first' },
  INVALID_CREDENTIALS: { 'zh-CN': '登录名或密码不正确', en: 'wrong login or password' },
  LOGIN_LOCKED: {
    'zh-CN': (p) => `登录失败次数过多，请 ${Math.max(1, Math.ceil(Number(p.retryAfterSeconds ?? 60) / 60))} 分钟后再试`,
    en: 'too many failed logins; try again later',
  },
  CSRF_TOKEN_INVALID: {
    'zh-CN': '缺少或错误的 X-CSRF-Token 请求头（请刷新页面）',
    en: 'missing or wrong X-CSRF-Token header',
  },
  PASSWORD_CHANGE_REQUIRED: { 'zh-CN': '请先设置新密码', en: 'set a new password first' },
  WRONG_PASSWORD: { 'zh-CN': '当前密码不正确', en: 'the current password is wrong' },
  WEAK_PASSWORD: {
    'zh-CN': '密码不符合要求：至少 10 个字符，不能与登录名相同，至少包含 4 种不同字符，且不同于当前密码',
    en: 'the password is too weak',
  },
  INVALID_USER: {
    'zh-CN':
      '用户信息无效：登录名只能包含字母、数字和 . _ @ + -（2 至 200 个字符）；单位联络员须指定本委员会的所属单位，办公室角色不属于任何单位',
    en: 'invalid user',
  },
  DUPLICATE_LOGIN: { 'zh-CN': (p) => `登录名 ${String(p.login ?? '')} 已被使用`, en: 'the login is taken' },
  CANNOT_DEMOTE_SELF: {
    'zh-CN': '不能停用自己，也不能取消自己的管理员角色',
    en: 'you cannot disable or demote yourself',
  },
  RESET_LINK_INVALID: {
    'zh-CN': '重设密码的链接已过期或已使用，请重新申请',
    en: 'the reset link has expired or was used',
  },
  INVALID_EXPIRY: { 'zh-CN': '到期日期无效：须为今天或以后的日期（YYYY-MM-DD）', en: 'invalid expiry date' },
  ROUTE_WITHOUT_PERMISSION: { 'zh-CN': '该接口未声明访问权限（程序错误）', en: 'this route declares no permission' },
} satisfies Record<string, Entry>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Record names of NotFoundError, in Chinese. */
const WHAT_ZH: Record<string, string> = {
  Committee: '工委',
  Unit: '单位',
  Liaison: '联络员',
  Alias: '别名',
  Plan: '规划',
  Area: '领域',
  Goal: '目标',
  Measure: '措施',
  Assignment: '分工',
  Task: '任务',
  TaskItem: '事项',
  Item: '事项',
  Attachment: '附件',
  ExtensionRequest: '延期申请',
  Message: '邮件',
  'Extension request': '延期申请',
};

/**
 * The message of an error for a reader of `locale`. English keeps the error's own sentence (it
 * names the specifics); Chinese uses the catalogue with the parameters the error carries.
 */
export function errorMessage(code: string, locale: Locale, englishMessage: string, params: Params = {}): string {
  if (locale === 'en') return englishMessage;
  const entry = (ERROR_CODES as Record<string, Entry>)[code];
  if (!entry) return '请求失败';
  const zh = entry['zh-CN'];
  return (typeof zh === 'function' ? zh(params, englishMessage) : zh) ?? '请求失败';
}

function firstImportError(p: Params, locale: Locale): string | null {
  const first = Array.isArray(p.errors)
    ? (p.errors[0] as { code?: string; params?: WarningParams } | undefined)
    : undefined;
  return first?.code ? importWarningMessage(first.code, first.params, locale) : null;
}
