import { Editor, type ChainedCommands } from '@tiptap/core';
import { Image } from '@tiptap/extension-image';
import { StarterKit } from '@tiptap/starter-kit';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { property, query, state } from '../components/shared/decorators.js';
import { define } from '../components/shared/define.js';
import { NexusBase } from '../components/shared/nexus-base.js';
import { sanitizeHtml } from '../components/guided-path/sanitize.js';
import type { StringKey } from '../i18n/strings.js';
import '../i18n/strings-portal.js';
import { editorStyles } from './rich-text-editor.styles.js';

/** Hosts an uploaded image and answers its URL (`uploadImage` of `<nexus-rich-text-editor>`). */
export type ImageUploader = (file: File) => Promise<string>;

/** A toolbar button: what it shows and says, what it does, and whether it is on now. */
interface Tool {
  id: string;
  /** What the button shows (its name is `label`); empty: the name itself. */
  glyph: string;
  label: StringKey;
  run: (chain: ChainedCommands) => ChainedCommands;
  active?: (editor: Editor) => boolean;
  enabled?: (editor: Editor) => boolean;
}

const TOOLS: readonly Tool[] = [
  // A step's title is its heading; its text's headings are the levels under it, as rendered.
  { id: 'heading', glyph: 'H', label: 'portalEditorHeading', run: (c) => c.toggleHeading({ level: 3 }), active: (e) => e.isActive('heading', { level: 3 }) },
  { id: 'subheading', glyph: 'h', label: 'portalEditorSubheading', run: (c) => c.toggleHeading({ level: 4 }), active: (e) => e.isActive('heading', { level: 4 }) },
  { id: 'bold', glyph: 'B', label: 'portalEditorBold', run: (c) => c.toggleBold(), active: (e) => e.isActive('bold') },
  { id: 'italic', glyph: 'I', label: 'portalEditorItalic', run: (c) => c.toggleItalic(), active: (e) => e.isActive('italic') },
  { id: 'code', glyph: '</>', label: 'portalEditorCode', run: (c) => c.toggleCode(), active: (e) => e.isActive('code') },
  { id: 'bullet-list', glyph: '•', label: 'portalEditorBulletList', run: (c) => c.toggleBulletList(), active: (e) => e.isActive('bulletList') },
  { id: 'ordered-list', glyph: '1.', label: 'portalEditorOrderedList', run: (c) => c.toggleOrderedList(), active: (e) => e.isActive('orderedList') },
  { id: 'undo', glyph: '↶', label: 'portalEditorUndo', run: (c) => c.undo(), enabled: (e) => e.can().undo() },
  { id: 'redo', glyph: '↷', label: 'portalEditorRedo', run: (c) => c.redo(), enabled: (e) => e.can().redo() },
];

/** Links may go to web pages and mail addresses only. */
const LINK = /^(https?:\/\/[^\s]+|mailto:[^\s]+)$/i;

/**
 * A step's text as its author writes it: headings, bold and italic, code, lists, links and images,
 * with a toolbar, the usual shortcuts (Ctrl+B, Ctrl+I, Ctrl+Z…) and undo. Built on Tiptap
 * (ProseMirror): what the editor holds is always a document of those kinds of content only, so
 * pasted content keeps its headings, lists, links and emphasis and loses everything else
 * (styles, scripts, forms, pasted images); and `value` is also passed through the sanitizer that
 * `<nexus-guided-path>` renders steps with, so what is saved is what customers will see.
 *
 * Keyboard: the toolbar is one Tab stop (Arrow Left and Right, Home and End move between its
 * buttons); Alt+F10 in the text goes to the toolbar and Escape there goes back to the text.
 * Link asks for the address in a small form under the toolbar; Image (shown when `uploadImage`
 * is set) asks for the file and its text alternative, uploads it and inserts it.
 *
 * @summary A rich text editor for guided-path steps, with a toolbar and sanitized HTML out.
 * @tag nexus-rich-text-editor
 *
 * @attr label - The editor's accessible name (its visible label is the host page's).
 * @attr state - Read-only, reflected: `ready`, or `busy` while an image uploads.
 *
 * @csspart toolbar - The toolbar (`role="toolbar"`).
 * @csspart tool - A toolbar button (`aria-pressed` on those that toggle).
 * @csspart content - The editable text (`role="textbox"`).
 * @csspart link-form - The form that asks for a link's address.
 * @csspart image-form - The form that asks for an image and its text alternative.
 * @csspart error - Why a link or an image was refused (`role="alert"`).
 *
 * @cssprop --nexus-rich-text-editor-min-height - The text area's least height.
 *
 * @fires nexus-editor-change - The text changed: its sanitized HTML.
 * @fires nexus-error - An image could not be uploaded.
 */
export class NexusRichTextEditor extends NexusBase {
  static override styles = [...NexusBase.styles, ...editorStyles];

  /** The editor's accessible name. */
  @property() label = '';

  /** Uploads an image and answers its URL; without it, there is no Image button. */
  @property({ attribute: false }) uploadImage?: ImageUploader;

  /** Which form is open under the toolbar. */
  @state() private form?: 'link' | 'image';
  @state() private error?: string;
  @state() private busy = false;
  /** The toolbar button that is the toolbar's Tab stop. */
  @state() private toolIndex = 0;
  /** Counts the editor's transactions, so the toolbar shows what is on now. */
  @state() private revision = 0;

  @query('.content') private mount!: HTMLElement;

  private editor?: Editor;
  /** The value set before the editor existed. */
  private pending = '';

  /** The text as sanitized HTML. Setting it replaces the text (and is not an undoable change). */
  get value(): string {
    return this.editor ? sanitizeHtml(this.editor.isEmpty ? '' : this.editor.getHTML()) : this.pending;
  }

  set value(html: string) {
    if (!this.editor) {
      this.pending = html;
      return;
    }
    if (html === this.value) return;
    this.editor.commands.setContent(sanitizeHtml(html), { emitUpdate: false });
  }

  /** Puts the focus in the text. */
  override focus(): void {
    this.editor?.commands.focus();
  }

  protected override deriveState(): string {
    return this.busy ? 'busy' : 'ready';
  }

  protected override firstUpdated(): void {
    this.createEditor();
  }

  /** Makes the Tiptap editor in the content box, with the value set so far. */
  private createEditor(): void {
    this.editor = new Editor({
      element: this.mount,
      injectCSS: false,
      content: sanitizeHtml(this.pending),
      extensions: [
        StarterKit.configure({
          heading: { levels: [3, 4] },
          codeBlock: false,
          blockquote: false,
          horizontalRule: false,
          strike: false,
          underline: false,
          link: { openOnClick: false, autolink: true, defaultProtocol: 'https' },
        }),
        Image.configure({ allowBase64: false }),
      ],
      editorProps: {
        attributes: this.contentAttributes(),
        transformPastedHTML: (pasted) => sanitizeHtml(pasted),
        handleKeyDown: (_view, event) => {
          if (event.key !== 'F10' || !event.altKey) return false;
          event.preventDefault();
          this.focusTool(this.toolIndex);
          return true;
        },
      },
      onCreate: () => this.revision++,
      onTransaction: () => this.revision++,
      onUpdate: () => this.emit('nexus-editor-change', { value: this.value }),
    });
  }

  /** The editable element's attributes: it is a multi-line text box named by `label`. */
  private contentAttributes(): Record<string, string> {
    return { part: 'content', class: 'nexus-step-content', role: 'textbox', 'aria-multiline': 'true', 'aria-label': this.label };
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('label') && this.editor) this.editor.setOptions({ editorProps: { ...this.editor.options.editorProps, attributes: this.contentAttributes() } });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // The text is kept for the editor made again if the element comes back (moved in the page).
    this.pending = this.value;
    this.editor?.destroy();
    this.editor = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated && !this.editor) this.createEditor();
  }

  private tools(): Element[] {
    return [...this.renderRoot.querySelectorAll('[part~="tool"]')];
  }

  private focusTool(index: number) {
    const tools = this.tools();
    this.toolIndex = (index + tools.length) % tools.length;
    (tools[this.toolIndex] as HTMLElement | undefined)?.focus();
  }

  private readonly onToolbarKeyDown = (event: KeyboardEvent) => {
    const rtl = this.localize.dir === 'rtl';
    const step: Record<string, number> = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 };
    if (event.key in step) this.focusTool(this.toolIndex + step[event.key]);
    else if (event.key === 'Home') this.focusTool(0);
    else if (event.key === 'End') this.focusTool(this.tools().length - 1);
    else if (event.key === 'Escape') this.focus();
    else return;
    event.preventDefault();
  };

  private runTool(tool: Tool) {
    if (!this.editor) return;
    tool.run(this.editor.chain().focus()).run();
  }

  private openForm(form: 'link' | 'image') {
    this.error = undefined;
    this.form = this.form === form ? undefined : form;
    if (this.form) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>(`[part~="${form}-form"] input`)?.focus());
  }

  private closeForm() {
    this.form = undefined;
    this.error = undefined;
    this.focus();
  }

  private readonly onLink = (event: SubmitEvent) => {
    event.preventDefault();
    const editor = this.editor;
    if (!editor) return;
    const href = (new FormData(event.target as HTMLFormElement).get('href') as string).trim();
    if (!LINK.test(href)) {
      this.error = this.t('portalEditorLinkInvalid');
      return;
    }
    const chain = editor.chain().focus().extendMarkRange('link');
    if (editor.state.selection.empty && !editor.isActive('link')) chain.insertContent({ type: 'text', text: href, marks: [{ type: 'link', attrs: { href } }] });
    else chain.setLink({ href });
    chain.run();
    this.closeForm();
  };

  private readonly removeLink = () => {
    this.editor?.chain().focus().extendMarkRange('link').unsetLink().run();
    this.closeForm();
  };

  private readonly onImage = async (event: SubmitEvent) => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const file = data.get('file');
    const alt = (data.get('alt') as string).trim();
    if (!(file instanceof File) || file.size === 0) return void (this.error = this.t('portalEditorImageMissing'));
    if (!alt) return void (this.error = this.t('portalEditorImageAltMissing'));
    if (!this.uploadImage) return;
    this.busy = true;
    try {
      const src = await this.uploadImage(file);
      this.editor?.chain().focus().setImage({ src, alt }).run();
      this.closeForm();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.error = this.t('portalEditorImageFailed', { message });
      this.reportError(error);
    } finally {
      this.busy = false;
    }
  };

  protected override render(): TemplateResult {
    void this.revision;
    const editor = this.editor;
    const linkActive = editor?.isActive('link') ?? false;
    const extra: Tool[] = [
      { id: 'link', glyph: '', label: 'portalEditorLink', run: (c) => c, active: () => linkActive || this.form === 'link' },
      ...(this.uploadImage ? [{ id: 'image', glyph: '', label: 'portalEditorImage' as StringKey, run: (c: ChainedCommands) => c, active: () => this.form === 'image' }] : []),
    ];
    const tools = [...TOOLS.slice(0, 7), ...extra, ...TOOLS.slice(7)];
    return html`<div part="toolbar" class="toolbar" role="toolbar" aria-label=${this.t('portalEditorToolbar')} @keydown=${this.onToolbarKeyDown}>
        ${tools.map((tool, index) => {
          const toggles = tool.active !== undefined;
          // Unavailable buttons stay in the toolbar's arrow order (aria-disabled, not disabled).
          const unavailable = tool.enabled ? !editor || !tool.enabled(editor) : false;
          const onClick = tool.id === 'link' || tool.id === 'image' ? () => this.openForm(tool.id as 'link' | 'image') : () => this.runTool(tool);
          return html`<button
            part="tool"
            class="tool"
            type="button"
            data-tool=${tool.id}
            tabindex=${index === this.toolIndex ? 0 : -1}
            title=${this.t(tool.label)}
            aria-pressed=${ifDefined(toggles ? (editor && tool.active!(editor) ? 'true' : 'false') : undefined)}
            aria-disabled=${ifDefined(unavailable ? 'true' : undefined)}
            @focus=${() => (this.toolIndex = index)}
            @mousedown=${(event: MouseEvent) => event.preventDefault()}
            @click=${unavailable ? nothing : onClick}
          >
            ${tool.glyph ? html`<span aria-hidden="true">${tool.glyph}</span><span class="visually-hidden">${this.t(tool.label)}</span>` : this.t(tool.label)}
          </button>`;
        })}
      </div>
      ${this.form === 'link' ? this.renderLinkForm(linkActive) : this.form === 'image' ? this.renderImageForm() : nothing}
      <div class="content"></div>`;
  }

  private renderError(): TemplateResult | typeof nothing {
    return this.error ? html`<p part="error" id="editor-error" class="error" role="alert">${this.error}</p>` : nothing;
  }

  private renderLinkForm(active: boolean): TemplateResult {
    const href = active ? ((this.editor?.getAttributes('link').href as string | undefined) ?? '') : '';
    return html`<form part="link-form" class="inline-form" novalidate @submit=${this.onLink} @keydown=${this.escapeForm}>
      <label for="editor-href">${this.t('portalEditorLinkAddress')}</label>
      <input id="editor-href" name="href" type="url" .value=${href} placeholder="https://" aria-invalid=${this.error ? 'true' : 'false'} aria-describedby=${this.error ? 'editor-error' : nothing} />
      <button class="button primary" type="submit">${this.t('portalEditorApply')}</button>
      ${active ? html`<button class="button" type="button" @click=${this.removeLink}>${this.t('portalEditorRemoveLink')}</button>` : nothing}
      <button class="button" type="button" @click=${() => this.closeForm()}>${this.t('portalConfirmCancel')}</button>
      ${this.renderError()}
    </form>`;
  }

  private renderImageForm(): TemplateResult {
    return html`<form part="image-form" class="inline-form" novalidate @submit=${this.onImage} @keydown=${this.escapeForm}>
      <label for="editor-file">${this.t('portalEditorImageFile')}</label>
      <input id="editor-file" name="file" type="file" accept="image/png,image/jpeg,image/gif,image/webp" />
      <label for="editor-alt">${this.t('portalEditorImageAlt')}</label>
      <input id="editor-alt" name="alt" type="text" maxlength="200" aria-describedby=${this.error ? 'editor-error' : nothing} />
      <button class="button primary" type="submit" ?disabled=${this.busy} aria-busy=${this.busy ? 'true' : 'false'}>
        ${this.busy ? this.t('portalWorking') : this.t('portalEditorInsert')}
      </button>
      <button class="button" type="button" @click=${() => this.closeForm()}>${this.t('portalConfirmCancel')}</button>
      ${this.renderError()}
    </form>`;
  }

  private readonly escapeForm = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    this.closeForm();
  };
}

define('nexus-rich-text-editor', NexusRichTextEditor);

declare global {
  interface HTMLElementTagNameMap {
    'nexus-rich-text-editor': NexusRichTextEditor;
  }
}
