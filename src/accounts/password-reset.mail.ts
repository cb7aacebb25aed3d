import {
  htmlHeading,
  htmlLink,
  htmlParagraph,
  htmlShell,
  type RenderedEmail,
} from '../notifications/templates/email-layout.util.js';

export interface PasswordResetMailInput {
  locale: 'zh-CN' | 'en';
  name: string;
  login: string;
  link: string;
  minutes: number;
}

/** The reset e-mail: one language, what to do, how long the link works, what to do if it was not you. */
export function renderPasswordResetMail({ locale, name, login, link, minutes }: PasswordResetMailInput): RenderedEmail {
  const zh = locale === 'zh-CN';
  const subject = zh ? '落实：重设密码' : 'Luoshi: reset your password';
  const lines = zh
    ? [
        `${name}，您好：`,
        `有人为账号「${login}」申请了重设密码。请在${minutes}分钟内打开下面的链接设置新密码，链接只能使用一次。`,
        '如果不是您本人申请，请忽略本邮件，您的密码不会改变。',
      ]
    : [
        `Dear ${name},`,
        `A password reset was requested for the account "${login}". Open the link below within ${minutes} minutes to set a new password; it works once.`,
        'If you did not ask for this, ignore this e-mail: your password stays as it is.',
      ];
  const footer = zh ? '此邮件由落实系统自动发送，请勿直接回复。' : 'Sent automatically by Luoshi; please do not reply.';
  const html = htmlShell({
    locale,
    title: subject,
    footer,
    bodyHtml: [
      htmlHeading(subject),
      htmlParagraph(lines[0]),
      htmlParagraph(lines[1]),
      `<p style="margin:0 0 12px;">${htmlLink(zh ? '设置新密码' : 'Set a new password', link)}</p>`,
      htmlParagraph(lines[2]),
    ].join('\n'),
  });
  const text = [subject, '', lines[0], '', lines[1], link, '', lines[2], '', footer].join('\n');
  return { subject, html, text };
}
