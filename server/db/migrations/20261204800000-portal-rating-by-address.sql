-- One rating per reader per article (issue 18) was keyed by a cookie the reader chooses to send, so a client without
-- cookies rated any number of times. A rating is now keyed by sha256(article salt ‖ address): stable for the article,
-- different between articles (ratings cannot be joined across articles), and the address itself is never stored.
-- Ratings already given keep their old key.
CREATE TABLE portal_rating_salt (
  article_id uuid PRIMARY KEY REFERENCES portal_article (id),
  salt bytea NOT NULL
);
COMMENT ON TABLE portal_rating_salt IS 'Muối ngẫu nhiên riêng mỗi bài để băm địa chỉ người đánh giá / Per-article salt for the rater''s address hash';
