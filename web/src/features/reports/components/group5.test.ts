import { describe, expect, it } from 'vitest';
import { group5Lines, type Group5Figures } from './group5.js';

const base: Group5Figures = { received: 0, byClassification: {}, handled: 0, handledOnTime: 0, onTimeRate: null, rated: 0, unsatisfied: 0, satisfactionRate: null, answerSatisfactionRate: null, dossiersWithFeedback: 0 };
const shown = (g: Group5Figures) => Object.fromEntries(group5Lines(g).map((l) => [l.key, [l.label, l.value, l.note ?? '']]));

describe('QĐ 766 group 5 on the reports screens', () => {
  it('nobody rated: chỉ số 5.3 by the decision’s formula (100 %) beside "Chưa có đánh giá", each labelled', () => {
    const s = shown({ ...base, received: 3, byClassification: { within_competence: 2, unclassified: 1 }, handled: 2, handledOnTime: 2, onTimeRate: 100, satisfactionRate: 100, dossiersWithFeedback: 1 });
    expect(s['5.1']).toEqual(['5.1. PAKN tiếp nhận (theo phân loại)', '3', expect.stringContaining('Chưa phân loại: 1')]);
    expect(s['5.1']![2]).not.toContain('within_competence');
    expect(s['5.2']).toEqual(['5.2. Xử lý đúng hạn', '100 %', '2/2 PAKN đã xử lý']);
    expect(s['5.3']).toEqual(['Chỉ số 5.3 (công thức QĐ 766)', '100 %', 'Theo công thức của QĐ 766, câu trả lời chưa được đánh giá được tính là hài lòng.']);
    expect(s['answer']).toEqual(['Hài lòng với câu trả lời', 'Chưa có đánh giá', '0/0 lượt đánh giá hài lòng']);
    expect(s['5.4']).toEqual(['5.4. Hồ sơ bị phản ánh, kiến nghị', '1', '']);
  });

  it('one unsatisfied rating of three handled: 66,7 % by QĐ 766 but 0 % satisfied with the answer, decimal comma', () => {
    const s = shown({ ...base, received: 3, handled: 3, handledOnTime: 2, onTimeRate: 66.7, rated: 1, unsatisfied: 1, satisfactionRate: 66.7, answerSatisfactionRate: 0 });
    expect(s['5.2']![1]).toBe('66,7 %');
    expect(s['5.3']![1]).toBe('66,7 %');
    expect(s['answer']!.slice(1)).toEqual(['0 %', '0/1 lượt đánh giá hài lòng']);
  });
});
