import { describe, expect, it } from 'vitest';
import { escapeHtml } from './html.js';

describe('escapeHtml', () => {
  it('escapes the five markup characters and leaves Vietnamese text as it is', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'Đăng ký khai sinh'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Đăng ký khai sinh&#39;');
  });
  it('escapes an ampersand once (an entity typed by a user stays text)', () => {
    expect(escapeHtml('&amp; &lt;')).toBe('&amp;amp; &amp;lt;');
  });
});
