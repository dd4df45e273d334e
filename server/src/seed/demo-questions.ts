import type { AppContext } from '../platform/context.js';
import { actorByUsername } from '../modules/identity/identity.repo.js';
import type { Actor } from '../modules/identity/permissions.policy.js';
import { getUnitByCode } from '../modules/org-units/unit.repo.js';
import { recordFeedback } from '../modules/feedback/use-cases/manage-feedback.js';
import { approveAnswer, classifyFeedback, draftAnswer, publishAnswer } from '../modules/feedback/use-cases/act-on-feedback.js';
import { dateOfDayNumber, vnDayNumber, vnInstant } from '../modules/working-calendar/vn-time.js';

type DemoQuestion = { procedure: string; sender: string; channel: 'phone' | 'letter'; subject: string; content: string; answer: string };

/**
 * Common questions about procedures, as people ask them at the An Bình ward, with the ward's official answers citing
 * the law that decides them — the hỏi đáp page's first content (issue 17: "common questions about procedures with
 * official answers"). Senders' names are never published (no consent given).
 */
export const DEMO_QUESTIONS: readonly DemoQuestion[] = [
  {
    procedure: '1.001193',
    sender: 'Nguyễn Thị Mai',
    channel: 'phone',
    subject: 'Đăng ký khai sinh cho con cần những giấy tờ gì?',
    content: 'Con tôi mới sinh được hai tuần tại bệnh viện. Xin hỏi đăng ký khai sinh cho cháu cần mang theo những giấy tờ gì và có mất phí không?',
    answer:
      'Người đi đăng ký khai sinh nộp Tờ khai đăng ký khai sinh theo mẫu và Giấy chứng sinh do bệnh viện cấp (nếu không có Giấy chứng sinh thì nộp văn bản của người làm chứng xác nhận việc sinh), đồng thời xuất trình giấy tờ tùy thân (Luật Hộ tịch 2014, Điều 16). Cha, mẹ có trách nhiệm đăng ký khai sinh cho con trong thời hạn 60 ngày kể từ ngày sinh (Điều 15). Đăng ký khai sinh đúng hạn được miễn lệ phí (Điều 11); nếu cần thêm bản sao Trích lục khai sinh thì nộp phí 8.000 đồng mỗi bản.',
  },
  {
    procedure: '1.001193',
    sender: 'Trần Văn Hùng',
    channel: 'phone',
    subject: 'Có thể nộp hồ sơ khai sinh trực tuyến không?',
    content: 'Tôi đi làm xa, không về phường trong giờ hành chính được. Có thể đăng ký khai sinh cho con qua mạng không, nộp ở đâu?',
    answer:
      'Được. Ông/bà nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia (dichvucong.gov.vn), mục liên thông "Đăng ký khai sinh – đăng ký thường trú – cấp thẻ bảo hiểm y tế cho trẻ dưới 6 tuổi", hoặc trên ứng dụng VNeID, đăng nhập bằng tài khoản định danh điện tử mức 2. Kết quả (Giấy khai sinh điện tử) được gửi về tài khoản; bản giấy nhận tại Bộ phận một cửa phường hoặc qua dịch vụ bưu chính công ích nếu ông/bà chọn khi nộp.',
  },
  {
    procedure: '1.004873',
    sender: 'Lê Thị Thu Hà',
    channel: 'letter',
    subject: 'Giấy xác nhận tình trạng hôn nhân có thời hạn bao lâu?',
    content: 'Tôi cần Giấy xác nhận tình trạng hôn nhân để làm thủ tục vay vốn ngân hàng. Xin hỏi giấy này có giá trị trong bao lâu và bao lâu thì được cấp?',
    answer:
      'Giấy xác nhận tình trạng hôn nhân có giá trị 6 tháng kể từ ngày cấp và chỉ dùng cho mục đích ghi trong giấy (Nghị định 123/2015/NĐ-CP, Điều 23). Hồ sơ gồm Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu và giấy tờ tùy thân; Ủy ban nhân dân phường cấp giấy trong thời hạn 03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ (Điều 22).',
  },
  {
    procedure: '2.000635',
    sender: 'Phạm Minh Tuấn',
    channel: 'phone',
    subject: 'Xin bản sao trích lục khai sinh thì nộp phí bao nhiêu?',
    content: 'Giấy khai sinh bản chính của tôi bị thất lạc. Tôi muốn xin bản sao trích lục khai sinh thì làm ở đâu và phí bao nhiêu một bản?',
    answer:
      'Ông nộp Tờ khai cấp bản sao trích lục hộ tịch tại Ủy ban nhân dân phường nơi đã đăng ký khai sinh, hoặc trực tuyến trên Cổng Dịch vụ công quốc gia. Phí cấp bản sao trích lục hộ tịch là 8.000 đồng/bản (Thông tư 281/2016/TT-BTC). Nếu nộp trước 15 giờ, bản sao được trả ngay trong ngày làm việc.',
  },
  {
    procedure: '1.004194',
    sender: 'Võ Thị Kim Ngân',
    channel: 'phone',
    subject: 'Thuê trọ thì đăng ký tạm trú như thế nào?',
    content: 'Tôi từ tỉnh khác đến thuê phòng trọ ở phường để đi làm. Xin hỏi phải đăng ký tạm trú trong bao lâu và cần giấy tờ gì?',
    answer:
      'Công dân đến sinh sống tại chỗ ở hợp pháp ngoài xã, phường nơi thường trú từ 30 ngày trở lên phải đăng ký tạm trú (Luật Cư trú 2020, Điều 27). Hồ sơ gồm Tờ khai thay đổi thông tin cư trú (mẫu CT01), trong đó chủ nhà trọ ghi ý kiến đồng ý, và giấy tờ chứng minh chỗ ở hợp pháp như hợp đồng thuê nhà (Điều 28). Chị có thể nộp trực tuyến trên ứng dụng VNeID hoặc Cổng Dịch vụ công quốc gia; Công an phường giải quyết trong 03 ngày làm việc.',
  },
];

/**
 * The demo's common questions, each walked through the real feedback use cases as the An Bình officers — recorded by
 * the desk (phone or letter), passed to the Phòng Văn hóa - Xã hội, answered by the specialist, approved by the leader and
 * published — on working mornings of the last two weeks, so the hỏi đáp page and the register have content on first
 * start. Returns how many were published.
 */
export async function loadDemoQuestions(ctx: AppContext): Promise<number> {
  // Asked at the ward's public service centre (the desk records them) and answered by the office that handles hộ tịch
  // and residence papers, where the demo's specialist works.
  const desk = await getUnitByCode(ctx.db, '000.01.71.H20');
  const office = await getUnitByCode(ctx.db, '000.04.71.H20');
  const actors = await Promise.all(['motcua.anbinh', 'chuyenvien.anbinh', 'lanhdao.anbinh'].map((u) => actorByUsername(ctx.db, u)));
  if (!desk || !office || actors.some((a) => !a)) return 0;
  const [deskOfficer, specialist, leader] = actors as [Actor, Actor, Actor];
  const { rows: procedures } = await ctx.db.query<{ id: string; code: string }>(
    `SELECT p.id, p.code FROM procedure p JOIN unit u ON u.id = p.owner_unit_id WHERE u.code = '000.00.00.H20' AND p.code = ANY($1::text[])`,
    [[...new Set(DEMO_QUESTIONS.map((q) => q.procedure))]],
  );
  const procedureOf = new Map(procedures.map((p) => [p.code, p.id]));
  const today = vnDayNumber(ctx.clock.now());
  let made = 0;
  for (const [i, q] of DEMO_QUESTIONS.entries()) {
    // Asked 14 − 2i days ago at 08:00; classified at once, answered the next day, approved and published that afternoon.
    const day = today - 14 + 2 * i;
    let at = vnInstant(dateOfDayNumber(day), '08:00');
    const deps = { ...ctx, clock: { now: () => at } };
    const receipt = await recordFeedback(deps, deskOfficer, {
      unitId: desk.id,
      kind: 'question',
      category: 'tthc',
      subject: q.subject,
      content: q.content,
      procedureId: procedureOf.get(q.procedure) ?? null,
      officerName: null,
      consentPublishIdentity: false,
      place: null,
      files: [],
      channel: q.channel,
      // Name, address and phone, as NĐ 20/2008 Điều 7 requires of a sender who is not signed in.
      sender: { name: q.sender, address: `Khóm ${i + 1}, phường An Bình, tỉnh Đồng Tháp`, phone: `09${String(12345670 + i).padStart(8, '0')}`, email: null },
      dossierCode: null,
    });
    at = vnInstant(dateOfDayNumber(day), '08:30');
    // Answering is the office's business, not the desk's: the desk passes it on (NĐ 20/2008 Điều 9).
    await classifyFeedback(deps, deskOfficer, receipt.id, { classification: 'outside_competence', note: 'Chuyển phòng chuyên môn trả lời.', targetUnitId: office.id });
    at = vnInstant(dateOfDayNumber(day + 1), '09:00');
    await draftAnswer(deps, specialist, receipt.id, q.answer);
    at = vnInstant(dateOfDayNumber(day + 1), '14:00');
    await approveAnswer(deps, leader, receipt.id);
    at = vnInstant(dateOfDayNumber(day + 1), '15:00');
    await publishAnswer(deps, specialist, receipt.id);
    made++;
  }
  return made;
}
