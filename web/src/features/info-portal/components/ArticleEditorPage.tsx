import { useEffect, useRef, useState } from 'react';
import { App, Button, Card, DatePicker, Flex, Form, Input, Select, Space, Spin, Tag, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import Image from '@tiptap/extension-image';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { PageTitle } from '../../../components/PageTitle.js';
import { errorText } from '../../../lib/api-client.js';
import { t } from '../../../lib/i18n.js';
import { navigate } from '../../../lib/router.js';
import { useAsync } from '../../../lib/use-async.js';
import { actOnArticle, createArticle, getArticle, getSite, listCategories, listVersions, updateArticle, uploadMedia, type Article, type ArticleAction, type ArticleInput } from '../api/portal.js';
import { statusColor } from './ArticlesPanel.js';
import { LiveFigures } from './live-figures-node.js';
import { formatDueTime } from '../../../lib/format.js';

type Fields = Omit<ArticleInput, 'bodyHtml' | 'publishAt' | 'unpublishAt' | 'coverMediaId'> & { publishAt?: Dayjs | null; unpublishAt?: Dayjs | null };

const fieldsOf = (a: Article): Fields => ({
  kind: a.kind,
  pageKey: a.pageKey,
  title: a.title,
  slug: a.slug,
  lead: a.lead,
  categoryId: a.categoryId,
  tags: a.tags,
  attachmentIds: a.attachmentIds,
  author: a.author,
  source: a.source,
  publishAt: a.publishAt ? dayjs(a.publishAt) : null,
  unpublishAt: a.unpublishAt ? dayjs(a.unpublishAt) : null,
});

/**
 * Writes an article or a required page: rich text in TipTap (images uploaded and resized on the server, a live-figure
 * block), lead, cover, category, tags, author and source; then submit, approve (now or at the scheduled time), send back
 * or unpublish, by role. The server sanitises the HTML; what the editor shows is what readers get.
 */
export function ArticleEditorPage({ id, unitId: newUnitId, listPath }: { id?: string; unitId?: string; listPath: string }) {
  const { message } = App.useApp();
  const loaded = useAsync(() => (id ? getArticle(id) : Promise.resolve(null)), [id]);
  const article = loaded.data ?? null;
  const unitId = article?.unitId ?? newUnitId ?? '';
  const site = useAsync(() => (unitId ? getSite(unitId) : Promise.resolve(null)), [unitId]);
  const categories = useAsync(() => (unitId ? listCategories(unitId) : Promise.resolve([])), [unitId]);
  const versions = useAsync(() => (id ? listVersions(id) : Promise.resolve([])), [id, article?.version]);
  const [form] = Form.useForm<Fields>();
  const [cover, setCover] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [current, setCurrent] = useState<Article | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const coverInput = useRef<HTMLInputElement>(null);
  const editor = useEditor({
    extensions: [StarterKit.configure({ link: { openOnClick: false } }), Image, LiveFigures], content: '',
    immediatelyRender: true,
    editorProps: { attributes: { 'aria-label': t('portal.f.body'), 'aria-multiline': 'true' } },
  });

  useEffect(() => {
    if (article) {
      setCurrent(article);
      form.setFieldsValue(fieldsOf(article));
      setCover(article.coverMediaId);
      editor?.commands.setContent(article.bodyHtml);
    }
  }, [article, editor]);

  const roles = site.data?.myRoles ?? [];
  const a = current;
  const input = (v: Fields): ArticleInput => ({
    ...v,
    tags: v.tags ?? [],
    attachmentIds: a?.attachmentIds ?? [],
    bodyHtml: editor?.getHTML() ?? '',
    coverMediaId: cover,
    publishAt: v.publishAt ? v.publishAt.toISOString() : null,
    unpublishAt: v.unpublishAt ? v.unpublishAt.toISOString() : null,
  });

  const save = async (): Promise<Article | null> => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      const saved = a ? await updateArticle(a.id, { ...input(v), expectedVersion: a.version }) : await createArticle(unitId, input(v));
      setCurrent(saved);
      form.setFieldsValue(fieldsOf(saved));
      editor?.commands.setContent(saved.bodyHtml);
      message.success(t('portal.saved'));
      if (!a) navigate(`${listPath}/bai-viet/${saved.id}`, { replace: true });
      return saved;
    } catch (e) {
      message.error(errorText(e));
      return null;
    } finally {
      setBusy(false);
    }
  };

  const act = async (action: ArticleAction) => {
    if (!a) return;
    setBusy(true);
    try {
      const next = await actOnArticle(a.id, action);
      setCurrent(next);
      versions.reload();
      message.success(t(`portal.status.${next.status}`));
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const insertImage = async (file: File | undefined) => {
    if (!file) return;
    try {
      const m = await uploadMedia(unitId, file);
      editor?.chain().focus().setImage({ src: m.url, alt: file.name.replace(/\.[^.]+$/, '') }).run();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const uploadCover = async (file: File | undefined) => {
    if (!file) return;
    try {
      setCover((await uploadMedia(unitId, file)).id);
    } catch (e) {
      message.error(errorText(e));
    }
  };

  if (loaded.loading && !loaded.data && id) return <Spin aria-label={t('common.loading')} />;
  const tb = (label: string, onClick: () => void, active = false) => (
    <Button size="small" type={active ? 'primary' : 'default'} onClick={onClick} aria-pressed={active}>
      {label}
    </Button>
  );
  const can = (action: ArticleAction) => {
    if (!a) return false;
    const allowed: Record<Article['status'], ArticleAction[]> = { draft: ['submit', 'approve'], review: ['approve', 'reject'], scheduled: ['unpublish', 'reject'], published: ['unpublish'], unpublished: ['submit', 'approve'] };
    const needsReviewer = action !== 'submit';
    return allowed[a.status].includes(action) && (!needsReviewer || roles.includes('reviewer'));
  };

  return (
    <>
      <PageTitle
        title={
          <>
            {a ? a.title : t('portal.newArticle')} {a ? <Tag color={statusColor[a.status]}>{t(`portal.status.${a.status}`)}</Tag> : null}
          </>
        }
        extra={
          <>
            <Button onClick={() => navigate(`${listPath}?site=${unitId}`)}>{t('common.back')}</Button>
            {a && a.status === 'published' ? (
              <Button href={a.url} target="_blank">
                {t('portal.view')}
              </Button>
            ) : null}
          </>
        }
      />
      <ErrorAlert error={loaded.error ?? site.error} />
      <Flex gap={16} wrap align="start">
        <Form<Fields> noValidate form={form} layout="vertical" initialValues={{ kind: 'article', pageKey: null, tags: [], author: '', source: '', lead: '' }} style={{ flex: '1 1 640px', minWidth: 320 }}>
          <Form.Item name="title" label={t('portal.f.title')} rules={[{ required: true, min: 3, max: 300 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="lead" label={t('portal.f.lead')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
          <div role="group" aria-label={t('portal.f.body')}>
            <Typography.Text strong>{t('portal.f.body')}</Typography.Text>
            <Space wrap size={4} style={{ margin: '6px 0' }} role="toolbar" aria-label={t('portal.f.body')}>
              {tb(t('portal.tb.bold'), () => editor?.chain().focus().toggleBold().run(), editor?.isActive('bold'))}
              {tb(t('portal.tb.italic'), () => editor?.chain().focus().toggleItalic().run(), editor?.isActive('italic'))}
              {tb(t('portal.tb.h2'), () => editor?.chain().focus().toggleHeading({ level: 2 }).run(), editor?.isActive('heading', { level: 2 }))}
              {tb(t('portal.tb.bullet'), () => editor?.chain().focus().toggleBulletList().run(), editor?.isActive('bulletList'))}
              {tb(t('portal.tb.ordered'), () => editor?.chain().focus().toggleOrderedList().run(), editor?.isActive('orderedList'))}
              {tb(t('portal.tb.link'), () => {
                const href = window.prompt(t('portal.tb.linkPrompt'));
                if (href) editor?.chain().focus().extendMarkRange('link').setLink({ href }).run();
              })}
              {tb(t('portal.tb.image'), () => fileInput.current?.click())}
              {tb(t('portal.tb.figures'), () => {
                // After the selection, never over it (a just-inserted image is still selected).
                if (editor) editor.chain().focus().insertContentAt(editor.state.selection.to, { type: 'liveFigures', attrs: { figures: 'online on_time by_post', period: 'ytd' } }).run();
              })}
            </Space>
            <input ref={fileInput} type="file" accept="image/jpeg,image/png" style={{ display: 'none' }} aria-label={t('portal.tb.image')} data-testid="image-input" onChange={(e) => void insertImage(e.target.files?.[0])} />
            <div className="rich-editor">
              <EditorContent editor={editor} aria-label={t('portal.f.body')} />
            </div>
          </div>
          <Space wrap style={{ marginTop: 16 }}>
            <Form.Item name="kind" label={t('portal.f.kind')}>
              <Select style={{ width: 160 }} options={[{ value: 'article', label: t('portal.kind.article') }, { value: 'page', label: t('portal.kind.page') }]} />
            </Form.Item>
            <Form.Item noStyle shouldUpdate={(p, n) => p.kind !== n.kind}>
              {({ getFieldValue }) =>
                getFieldValue('kind') === 'page' ? (
                  <Form.Item name="pageKey" label={t('portal.f.pageKey')}>
                    <Select style={{ width: 200 }} allowClear options={(['organisation', 'contacts', 'map', 'history'] as const).map((k) => ({ value: k, label: t(`portal.page.${k}`) }))} />
                  </Form.Item>
                ) : (
                  <Form.Item name="categoryId" label={t('portal.f.category')}>
                    <Select style={{ width: 220 }} allowClear options={(categories.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
                  </Form.Item>
                )
              }
            </Form.Item>
            <Form.Item name="tags" label={t('portal.f.tags')}>
              <Select mode="tags" style={{ minWidth: 240 }} tokenSeparators={[',']} />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="author" label={t('portal.f.author')}>
              <Input style={{ width: 260 }} />
            </Form.Item>
            <Form.Item name="source" label={t('portal.f.source')}>
              <Input style={{ width: 260 }} />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="publishAt" label={t('portal.f.publishAt')}>
              <DatePicker showTime format="DD/MM/YYYY HH:mm" />
            </Form.Item>
            <Form.Item name="unpublishAt" label={t('portal.f.unpublishAt')}>
              <DatePicker showTime format="DD/MM/YYYY HH:mm" />
            </Form.Item>
          </Space>
          <Form.Item label={t('portal.f.cover')}>
            <Space>
              {cover ? <img src={`/trang/media/${cover}/thumb`} alt={t('portal.f.cover')} style={{ height: 64, borderRadius: 4 }} /> : null}
              <Button onClick={() => coverInput.current?.click()}>{t('portal.uploadCover')}</Button>
              <input ref={coverInput} type="file" accept="image/jpeg,image/png" style={{ display: 'none' }} aria-label={t('portal.uploadCover')} onChange={(e) => void uploadCover(e.target.files?.[0])} />
            </Space>
          </Form.Item>
          <Space wrap>
            <Button type="primary" loading={busy} onClick={() => void save()}>
              {t('portal.save')}
            </Button>
            {can('submit') ? <Button onClick={() => void act('submit')}>{t('portal.submit')}</Button> : null}
            {can('approve') ? (
              <Button type="primary" onClick={() => void act('approve')}>
                {t('portal.approve')}
              </Button>
            ) : null}
            {can('reject') ? <Button onClick={() => void act('reject')}>{t('portal.reject')}</Button> : null}
            {can('unpublish') ? (
              <Button danger onClick={() => void act('unpublish')}>
                {t('portal.unpublish')}
              </Button>
            ) : null}
          </Space>
        </Form>
        {a ? (
          <Card title={t('portal.versions')} size="small" style={{ flex: '0 1 320px' }}>
            <Timeline
              items={(versions.data ?? []).map((v) => ({
                children: (
                  <>
                    <Typography.Text strong>
                      v{v.version} · {v.action}
                    </Typography.Text>
                    <br />
                    {v.byName} · {formatDueTime(v.at)}
                    {v.changed.length > 0 ? <div>{v.changed.join(', ')}</div> : null}
                  </>
                ),
              }))}
            />
          </Card>
        ) : null}
      </Flex>
    </>
  );
}
