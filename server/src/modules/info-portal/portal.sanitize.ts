import type sanitizeHtml from 'sanitize-html';
import { loadSanitizeHtml } from '../../platform/libraries.js';
import { figurePeriods } from './portal.rules.js';

/**
 * The only HTML that reaches a published page: what the editor package (TipTap) produces, checked against an allow-list
 * on the server (sanitize-html). Scripts, styles, event-handler attributes, `javascript:`/`data:` URLs, frames and forms
 * never survive. Images may come only from the portal's own media (/trang/media/…); links may be http(s), mailto, tel or
 * relative. The live-figure block is an empty `<div data-live-figures>` that the server fills at render time.
 */
const options: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'h2', 'h3', 'h4', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'a', 'ul', 'ol', 'li', 'blockquote', 'hr', 'code', 'pre',
    'img', 'figure', 'figcaption', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'div',
  ],
  allowedAttributes: {
    a: ['href', 'title'],
    img: ['src', 'alt', 'width', 'height', 'title'],
    th: ['colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
    div: [
      { name: 'data-live-figures', multiple: true, values: ['online', 'on_time', 'by_post'] },
      { name: 'data-period', multiple: false, values: [...figurePeriods] },
    ],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: [] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Text inside dropped script/style/iframe… is dropped too (sanitize-html's nonTextTags).
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'template', 'svg', 'math'],
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer' } }),
  },
  exclusiveFilter: (frame) => {
    // A div is only the live-figure block; any other div is unwrapped by dropping it when empty of text.
    if (frame.tag === 'img') return !isOwnMedia(frame.attribs.src);
    if (frame.tag === 'div') return frame.attribs['data-live-figures'] === undefined && frame.text.trim() === '';
    return false;
  },
};
// rel is added by the transform; allow it on a (the allow-list runs after the transform).
(options.allowedAttributes as Record<string, sanitizeHtml.AllowedAttribute[]>).a!.push('rel');

function isOwnMedia(src: string | undefined): boolean {
  return typeof src === 'string' && /^\/trang\/media\/[0-9a-f-]{36}(\/(thumb|full))?$/.test(src);
}

export async function sanitizeArticleHtml(dirty: string): Promise<string> {
  return (await loadSanitizeHtml())(dirty, options);
}

/** Plain text of sanitised HTML, for search and page descriptions. */
export async function htmlToText(html: string): Promise<string> {
  const sanitizeHtml = await loadSanitizeHtml();
  return sanitizeHtml(html.replace(/<\/(p|h[2-4]|li|td|th|blockquote|figcaption|div)>/g, '$& '), { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}
