-- Information portal of each unit (Nghị định 224/2026/NĐ-CP Điều 9–13): sites, required pages, articles with review,
-- versions, media, ratings, moderated comments, outage notices and the visitor counter. Every instant is written by the
-- application's clock (no DEFAULT now()).

CREATE TABLE portal_site (
  unit_id uuid PRIMARY KEY REFERENCES unit (id),
  slug text NOT NULL CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,59}$'),
  host_name text CHECK (host_name ~ '^[a-z0-9][a-z0-9.-]{2,252}$'),
  title text NOT NULL CHECK (length(title) BETWEEN 2 AND 200),
  address text NOT NULL DEFAULT '',
  phone text NOT NULL DEFAULT '',
  feedback_phone text NOT NULL DEFAULT '',
  email text NOT NULL DEFAULT '',
  map_lat numeric(9, 6),
  map_lng numeric(9, 6),
  leaders jsonb NOT NULL DEFAULT '[]',
  menu jsonb NOT NULL DEFAULT '[]',
  updated_at timestamptz NOT NULL,
  updated_by uuid REFERENCES staff_user (id)
);
CREATE UNIQUE INDEX portal_site_slug_key ON portal_site (slug);
CREATE UNIQUE INDEX portal_site_host_key ON portal_site (host_name) WHERE host_name IS NOT NULL;
COMMENT ON TABLE portal_site IS 'Trang thông tin điện tử của đơn vị (NĐ 224/2026 Điều 9–11) / A unit''s information site';
COMMENT ON COLUMN portal_site.slug IS 'Đường dẫn dưới cổng: /trang/<slug> / Path under the portal';
COMMENT ON COLUMN portal_site.host_name IS 'Tên miền riêng, ví dụ tenphuongxa.tentinhthanh.gov.vn / Own host name, where configured';
COMMENT ON COLUMN portal_site.feedback_phone IS 'Số điện thoại chuyên dùng tiếp nhận phản ánh, kiến nghị / Dedicated feedback phone';
COMMENT ON COLUMN portal_site.leaders IS 'Lãnh đạo và nhiệm vụ: [{name, position, duties, phone, email}] / Leaders and their duties';
COMMENT ON COLUMN portal_site.menu IS 'Trình đơn: [{label, href}] / Menu items';

CREATE TABLE portal_member (
  unit_id uuid NOT NULL REFERENCES portal_site (unit_id),
  user_id uuid NOT NULL REFERENCES staff_user (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('editor', 'reviewer')),
  granted_at timestamptz NOT NULL,
  granted_by uuid REFERENCES staff_user (id),
  PRIMARY KEY (unit_id, user_id, role)
);
CREATE INDEX portal_member_user_idx ON portal_member (user_id);
COMMENT ON TABLE portal_member IS 'Biên tập viên (editor) và người duyệt tin (reviewer) của từng trang / Editors and reviewers per site';

CREATE TABLE portal_category (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES portal_site (unit_id),
  slug text NOT NULL CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,59}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 2 AND 120),
  kind text NOT NULL DEFAULT 'news' CHECK (kind IN ('news', 'guidance')),
  UNIQUE (unit_id, slug)
);
COMMENT ON TABLE portal_category IS 'Chuyên mục bài viết (Tin tức, Hướng dẫn…) / Article categories';
COMMENT ON COLUMN portal_category.kind IS 'news = tin tức, guidance = hướng dẫn người dân';

CREATE TABLE portal_media (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES portal_site (unit_id),
  kind text NOT NULL CHECK (kind IN ('image', 'attachment')),
  sha256 text NOT NULL REFERENCES stored_file (sha256),
  thumb_sha256 text REFERENCES stored_file (sha256),
  file_name text NOT NULL,
  media_type text NOT NULL,
  width int,
  height int,
  created_at timestamptz NOT NULL,
  created_by uuid NOT NULL REFERENCES staff_user (id)
);
CREATE INDEX portal_media_unit_idx ON portal_media (unit_id, created_at DESC);
COMMENT ON TABLE portal_media IS 'Ảnh (đã thu nhỏ trên máy chủ) và tệp đính kèm của bài viết / Resized images and attachments';

CREATE TABLE portal_article (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES portal_site (unit_id),
  kind text NOT NULL CHECK (kind IN ('article', 'page')),
  page_key text CHECK (page_key IN ('organisation', 'contacts', 'map', 'history')),
  slug text NOT NULL CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,119}$'),
  title text NOT NULL CHECK (length(title) BETWEEN 3 AND 300),
  lead text NOT NULL DEFAULT '',
  body_html text NOT NULL DEFAULT '',
  body_text text NOT NULL DEFAULT '',
  cover_media_id uuid REFERENCES portal_media (id),
  category_id uuid REFERENCES portal_category (id),
  tags text[] NOT NULL DEFAULT '{}',
  attachment_ids uuid[] NOT NULL DEFAULT '{}',
  author text NOT NULL DEFAULT '',
  source text NOT NULL DEFAULT '',
  status text NOT NULL CHECK (status IN ('draft', 'review', 'scheduled', 'published', 'unpublished')),
  publish_at timestamptz,
  unpublish_at timestamptz,
  published_at timestamptz,
  version int NOT NULL,
  created_at timestamptz NOT NULL,
  created_by uuid NOT NULL REFERENCES staff_user (id),
  updated_at timestamptz NOT NULL,
  updated_by uuid NOT NULL REFERENCES staff_user (id),
  rating_sum int NOT NULL DEFAULT 0,
  rating_count int NOT NULL DEFAULT 0,
  search_text text GENERATED ALWAYS AS (vn_fold(title || ' ' || lead || ' ' || body_text)) STORED,
  UNIQUE (unit_id, slug),
  CHECK (unpublish_at IS NULL OR publish_at IS NULL OR unpublish_at > publish_at),
  CHECK ((kind = 'page') = (page_key IS NOT NULL) OR kind = 'page')
);
CREATE UNIQUE INDEX portal_article_page_key ON portal_article (unit_id, page_key) WHERE page_key IS NOT NULL;
CREATE INDEX portal_article_listing_idx ON portal_article (unit_id, status, published_at DESC);
CREATE INDEX portal_article_due_idx ON portal_article (publish_at) WHERE status = 'scheduled';
CREATE INDEX portal_article_expiry_idx ON portal_article (unpublish_at) WHERE status = 'published' AND unpublish_at IS NOT NULL;
CREATE INDEX portal_article_search_idx ON portal_article USING gin (search_text gin_trgm_ops);
COMMENT ON TABLE portal_article IS 'Bài viết và trang giới thiệu; nội dung HTML đã được làm sạch trên máy chủ / Articles and pages (sanitised HTML)';
COMMENT ON COLUMN portal_article.page_key IS 'Trang bắt buộc (NĐ 224/2026 Điều 10): cơ cấu tổ chức, liên hệ, bản đồ, lịch sử / Required page';
COMMENT ON COLUMN portal_article.status IS 'draft = nháp, review = chờ duyệt, scheduled = hẹn giờ đăng, published = đã đăng, unpublished = đã gỡ';
COMMENT ON COLUMN portal_article.body_text IS 'Văn bản thuần của nội dung, để tìm kiếm / Plain text of the body, for search';

CREATE TABLE portal_article_version (
  article_id uuid NOT NULL REFERENCES portal_article (id),
  version int NOT NULL,
  action text NOT NULL CHECK (action IN ('create', 'edit', 'submit', 'approve', 'schedule', 'reject', 'publish', 'unpublish')),
  changed text[] NOT NULL DEFAULT '{}',
  note text,
  snapshot jsonb NOT NULL,
  at timestamptz NOT NULL,
  by_user uuid REFERENCES staff_user (id),
  by_name text NOT NULL,
  PRIMARY KEY (article_id, version)
);
COMMENT ON TABLE portal_article_version IS 'Lịch sử phiên bản: ai sửa gì, khi nào / Versions: who changed what, when (append-only)';
COMMENT ON COLUMN portal_article_version.changed IS 'Các trường thay đổi so với phiên bản trước / Fields changed since the previous version';

CREATE TABLE portal_article_reads (
  article_id uuid PRIMARY KEY REFERENCES portal_article (id),
  reads bigint NOT NULL
);
COMMENT ON TABLE portal_article_reads IS 'Số lượt đọc mỗi bài (bảng hẹp, để không ghi lại dòng bài viết) / Per-article read counts';

CREATE TABLE portal_rating (
  article_id uuid NOT NULL REFERENCES portal_article (id),
  reader_hash text NOT NULL,
  score smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
  rated_at timestamptz NOT NULL,
  PRIMARY KEY (article_id, reader_hash)
);
COMMENT ON TABLE portal_rating IS 'Đánh giá bài viết 1–5, mỗi người đọc một lần; chỉ lưu băm của mã người đọc ngẫu nhiên / Ratings, one per reader';

CREATE TABLE portal_comment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  article_id uuid NOT NULL REFERENCES portal_article (id),
  author_name text NOT NULL CHECK (length(author_name) BETWEEN 2 AND 80),
  body text NOT NULL CHECK (length(body) BETWEEN 5 AND 2000),
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
  visitor_hash text NOT NULL,
  created_at timestamptz NOT NULL,
  moderated_at timestamptz,
  moderated_by uuid REFERENCES staff_user (id)
);
CREATE INDEX portal_comment_article_idx ON portal_comment (article_id, status, created_at);
CREATE INDEX portal_comment_visitor_idx ON portal_comment (visitor_hash, created_at);
COMMENT ON TABLE portal_comment IS 'Bình luận, chờ kiểm duyệt trước khi hiển thị / Comments awaiting moderation';
COMMENT ON COLUMN portal_comment.visitor_hash IS 'Băm địa chỉ với muối đổi hằng ngày (chỉ để giới hạn tần suất) / Daily-salted address hash, for rate limits';

CREATE TABLE portal_outage (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES portal_site (unit_id),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  reason text NOT NULL CHECK (length(reason) BETWEEN 5 AND 500),
  announced_at timestamptz NOT NULL,
  announced_by uuid NOT NULL REFERENCES staff_user (id),
  cancelled_at timestamptz,
  CHECK (ends_at > starts_at)
);
CREATE INDEX portal_outage_unit_idx ON portal_outage (unit_id, ends_at);
COMMENT ON TABLE portal_outage IS 'Thông báo tạm ngừng cung cấp thông tin, dịch vụ, trước ít nhất 7 ngày làm việc (NĐ 224/2026 Điều 13) / Planned outages';

CREATE TABLE portal_visit_salt (
  day date PRIMARY KEY,
  salt bytea NOT NULL
);
COMMENT ON TABLE portal_visit_salt IS 'Muối ngẫu nhiên của ngày, xóa sau 2 ngày: băm địa chỉ không thể đảo ngược / Daily salt, deleted after two days';

CREATE TABLE portal_presence (
  unit_id uuid NOT NULL REFERENCES portal_site (unit_id),
  day date NOT NULL,
  visitor_hash text NOT NULL,
  last_seen timestamptz NOT NULL,
  PRIMARY KEY (unit_id, day, visitor_hash)
);
CREATE INDEX portal_presence_seen_idx ON portal_presence (unit_id, last_seen);
COMMENT ON TABLE portal_presence IS 'Người đọc trong ngày (băm có muối), để đếm lượt truy cập và số đang truy cập / Today''s visitors, hashed';

CREATE TABLE portal_visit_day (
  unit_id uuid NOT NULL REFERENCES portal_site (unit_id),
  day date NOT NULL,
  visits bigint NOT NULL,
  views bigint NOT NULL,
  PRIMARY KEY (unit_id, day)
);
COMMENT ON TABLE portal_visit_day IS 'Lượt truy cập (người đọc khác nhau trong ngày) và lượt xem trang theo ngày / Visits and page views per day';
