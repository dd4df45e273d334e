import { describe, expect, it } from 'vitest';
import { htmlToText, sanitizeArticleHtml } from './portal.sanitize.js';

/** Known XSS vectors (OWASP XSS filter evasion cheat sheet and html5sec.org), each must come out harmless. */
const vectors = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<img src=x onerror=alert(1)>',
  '<img src="/trang/media/00000000-0000-0000-0000-000000000000" onerror="alert(1)">',
  '<IMG SRC="javascript:alert(\'XSS\');">',
  '<IMG SRC=JaVaScRiPt:alert(1)>',
  '<img src=`javascript:alert(1)`>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
  '<a href=" javascript:alert(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<p onclick="alert(1)">x</p>',
  '<p onmouseover=alert(1)>x</p>',
  '<body onload=alert(1)>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><input type=submit></form>',
  '<button formaction="javascript:alert(1)">x</button>',
  '<input onfocus=alert(1) autofocus>',
  '<details open ontoggle=alert(1)>',
  '<video><source onerror="alert(1)"></video>',
  '<audio src=x onerror=alert(1)>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<p style="x:expression(alert(1))">x</p>',
  '<style>@import "javascript:alert(1)";</style>',
  '<link rel="stylesheet" href="javascript:alert(1)">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
  '<div data-live-figures="online" onclick="alert(1)"></div>',
  '<a href="//evil.example/x">x</a>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<img """><script>alert(1)</script>">',
  '<a href="https://ok.example" onmouseover="alert(1)">ok</a>',
  '<template><script>alert(1)</script></template>',
  '<isindex type=image src=1 onerror=alert(1)>',
  '<marquee onstart=alert(1)>',
  '"><script>alert(1)</script>',
];

describe('article HTML sanitiser', () => {
  it.each(vectors)('neutralises %s', async (v) => {
    const out = await sanitizeArticleHtml(v);
    expect(out).not.toMatch(/<script/i);
    expect(out).not.toMatch(/\son[a-z]+\s*=/i);
    expect(out).not.toMatch(/javascript:|vbscript:|data:text/i);
    expect(out).not.toMatch(/<(iframe|object|embed|form|input|button|style|link|meta|base|svg|math|body|details|video|audio|template|noscript)\b/i);
    expect(out).not.toMatch(/style=/i);
    expect(out).not.toMatch(/href="\/\//);
    // Re-sanitising is a fixed point: nothing dangerous reappears after a round trip through the parser.
    expect(await sanitizeArticleHtml(out)).toBe(out);
  });

  it('keeps what the editor produces: headings, lists, links with rel, own images, the live-figure block', async () => {
    const src =
      '<h2>Kết quả</h2><p>Xem <a href="https://dichvucong.gov.vn">Cổng</a> và <a href="tel:02773123456">gọi</a>.</p>' +
      '<ul><li>một</li></ul><img src="/trang/media/2b1e3f4a-1111-4222-8333-944455556666" alt="Hội nghị">' +
      '<div data-live-figures="online on_time by_post" data-period="ytd"></div>';
    expect(await sanitizeArticleHtml(src)).toBe(
      '<h2>Kết quả</h2><p>Xem <a href="https://dichvucong.gov.vn" rel="noopener noreferrer">Cổng</a> và <a href="tel:02773123456" rel="noopener noreferrer">gọi</a>.</p>' +
        '<ul><li>một</li></ul><img src="/trang/media/2b1e3f4a-1111-4222-8333-944455556666" alt="Hội nghị" />' +
        '<div data-live-figures="online on_time by_post" data-period="ytd"></div>',
    );
  });

  it('drops images from elsewhere and unknown figure values', async () => {
    expect(await sanitizeArticleHtml('<img src="https://tracker.example/p.gif"><p>a</p>')).toBe('<p>a</p>');
    expect(await sanitizeArticleHtml('<div data-live-figures="online" data-period="forever"></div>')).toBe('<div data-live-figures="online" data-period></div>');
  });

  it('gives the plain text for search', async () => {
    expect(await htmlToText('<h2>Tiêu đề</h2><p>Đoạn &amp; văn</p>')).toBe('Tiêu đề Đoạn & văn');
  });
});
