import sanitizeHtml from 'sanitize-html';
import type { SensitiveKind } from '@common/safety/sensitive-kinds';
import type { ArticleKind } from '@common/tickets/ticket-fields';
import { AppError } from '../platform/errors';
import { maskSensitive } from '../safety';

// Remote images are dropped: loading them would tell a sender when an agent read the mail.
const htmlPolicy: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'span', 'font', 'u', 's', 'del', 'ins'],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan'],
    '*': ['dir', 'lang'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['cid'] },
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }),
  },
};

const textPolicy: sanitizeHtml.IOptions = { allowedTags: [], allowedAttributes: {} };

export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(html, htmlPolicy);
}

/** Plain text of an HTML body, keeping paragraph and line breaks. */
export function htmlToText(html: string): string {
  const withBreaks = html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/(p|div|li|tr|h[1-6]|blockquote)>/gi, '\n');
  const text = sanitizeHtml(withBreaks, textPolicy);
  // Blanks before a line break go; the look-behind starts a match only where a run of blanks starts, since
  // otherwise a long run not followed by a break is rescanned from each of its characters (quadratic: minutes).
  return decodeEntities(text)
    .replace(/(?<![ \t])[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function decodeEntities(text: string): string {
  return text
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * The stored body: sanitised HTML when HTML was sent, and always a plain-text
 * version. A customer's message is masked before anything is stored (card
 * and ID numbers, mobiles, passwords, codes, keys); when a number is split
 * across HTML tags so that the text nodes alone do not show it, only the
 * masked plain text is kept. Errors: VALIDATION_FAILED (empty).
 */
export function prepareArticleBody(input: { kind: ArticleKind; bodyText?: string | undefined; bodyHtml?: string | undefined }): {
  bodyText: string;
  bodyHtml: string | null;
  maskedKinds: SensitiveKind[];
} {
  const masking = input.kind === 'inbound';
  const found = new Set<SensitiveKind>();
  const mask = (text: string) => {
    if (!masking) return text;
    const result = maskSensitive(text);
    for (const kind of result.found) found.add(kind);
    return result.text;
  };
  let bodyHtml = input.bodyHtml ? sanitizeHtml(input.bodyHtml, masking ? { ...htmlPolicy, textFilter: mask } : htmlPolicy) : null;
  if (bodyHtml && masking && maskSensitive(htmlToText(bodyHtml)).found.length > 0) bodyHtml = null;
  const bodyText = mask(input.bodyText ?? (input.bodyHtml ? htmlToText(sanitizeArticleHtml(input.bodyHtml)) : '')).trim();
  if (bodyText === '' && !bodyHtml?.includes('<img')) throw new AppError('VALIDATION_FAILED', { field: 'body', reason: 'empty message' });
  return { bodyText, bodyHtml, maskedKinds: [...found] };
}
