import { Node, mergeAttributes } from '@tiptap/core';

/**
 * The live-figure block in the editor: an empty `<div data-live-figures="online on_time by_post" data-period="ytd">` that
 * the server replaces, on every page view, with the unit's current rates from the report counters — so no editor types
 * a percentage. The sanitiser on the server allows exactly these attributes and values.
 */
export const LiveFigures = Node.create({
  name: 'liveFigures',
  group: 'block',
  atom: true,
  selectable: true,
  draggable: true,
  addAttributes() {
    return {
      figures: { default: 'online on_time by_post', parseHTML: (el) => el.getAttribute('data-live-figures'), renderHTML: (a) => ({ 'data-live-figures': a.figures as string }) },
      period: { default: 'ytd', parseHTML: (el) => el.getAttribute('data-period') ?? 'ytd', renderHTML: (a) => ({ 'data-period': a.period as string }) },
    };
  },
  parseHTML() {
    return [{ tag: 'div[data-live-figures]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['div', mergeAttributes(HTMLAttributes)];
  },
  addNodeView() {
    return ({ node }) => {
      const dom = document.createElement('div');
      dom.className = 'live-figures-placeholder';
      dom.setAttribute('data-live-figures', String(node.attrs.figures));
      const period = node.attrs.period === 'month' ? 'tháng này' : node.attrs.period === 'prev_month' ? 'tháng trước' : 'từ đầu năm';
      dom.textContent = `▦ Số liệu trực tiếp (${period}): tỷ lệ trực tuyến, đúng hạn, trả qua bưu chính — lấy tự động khi hiển thị`;
      return { dom };
    };
  },
});
