import sanitizeHtml from 'sanitize-html';
import { AppError } from '../platform/errors';

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

/** The stored body: sanitised HTML when HTML was sent, and always a plain-text version. Errors: VALIDATION_FAILED (empty). */
export function prepareArticleBody(input: { bodyText?: string | undefined; bodyHtml?: string | undefined }): {
  bodyText: string;
  bodyHtml: string | null;
} {
  const bodyHtml = input.bodyHtml ? sanitizeArticleHtml(input.bodyHtml) : null;
  const bodyText = (input.bodyText ?? (bodyHtml ? htmlToText(bodyHtml) : '')).trim();
  if (bodyText === '' && !bodyHtml?.includes('<img')) throw new AppError('VALIDATION_FAILED', { field: 'body', reason: 'empty message' });
  return { bodyText, bodyHtml };
}
