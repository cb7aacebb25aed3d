/**
 * HTML escaping for e-mail bodies. Every piece of user-supplied text (unit names, task titles,
 * office messages) goes through escapeHtml: names such as "A&B<分局>" must print as written and
 * never become markup.
 */

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for use in element content and in quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}

/** Escapes, then keeps the author's line breaks (office messages are typed in a textarea). */
export function escapeHtmlMultiline(value: unknown): string {
  return escapeHtml(value).replace(/\r\n?|\n/g, '<br>\n');
}

/**
 * An href for a link, or null when the address is not absolute http(s): a stored
 * "javascript:" or relative link must not become clickable in a mail client.
 */
export function safeHref(link: unknown): string | null {
  if (typeof link !== 'string') return null;
  const trimmed = link.trim();
  return /^https?:\/\/[^\s"'<>]+$/i.test(trimmed) ? escapeHtml(trimmed) : null;
}
