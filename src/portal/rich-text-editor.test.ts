import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { until, pressChord } from '../../test/browser/env.js';
import { defaultStrings } from '../i18n/strings-all.js';
import type { NexusRichTextEditor } from './rich-text-editor.js';
import './rich-text-editor.js';

// <nexus-rich-text-editor>: what an author does with a step's text, and what is saved.

const part = <T extends Element = HTMLElement>(el: Element, name: string) => el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
const tool = (el: NexusRichTextEditor, id: string) => el.shadowRoot!.querySelector<HTMLButtonElement>(`[data-tool="${id}"]`)!;
const content = (el: NexusRichTextEditor) => part(el, 'content')!;
const active = (el: NexusRichTextEditor) => el.shadowRoot!.activeElement;
/** The saved value as a document, to ask about its elements. */
const parsed = (el: NexusRichTextEditor) => new DOMParser().parseFromString(el.value, 'text/html').body;

async function editor(value = '', uploadImage?: (file: File) => Promise<string>) {
  const el = await fixture<NexusRichTextEditor>(html`<nexus-rich-text-editor label="Step text" .value=${value} .uploadImage=${uploadImage}></nexus-rich-text-editor>`);
  await until(() => part(el, 'content'), 'the editor made');
  return el;
}

async function typeInto(el: NexusRichTextEditor, text: string) {
  content(el).focus();
  await sendKeys({ type: text });
  await el.updateComplete;
}

describe('<nexus-rich-text-editor>', function () {
  this.timeout(30_000);

  it('is a named multi-line text box; typing and Bold make the HTML that is saved, and say so', async () => {
    const el = await editor();
    expect([content(el).getAttribute('role'), content(el).getAttribute('aria-multiline'), content(el).getAttribute('aria-label')]).to.deep.equal(['textbox', 'true', 'Step text']);
    expect(el.value, 'empty is empty').to.equal('');
    await typeInto(el, 'Unplug the ');
    tool(el, 'bold').click();
    const changed = oneEvent(el, 'nexus-editor-change');
    await sendKeys({ type: 'hub' });
    expect((await changed).detail.value, 'each change is told').to.equal('<p>Unplug the <strong>h</strong></p>');
    await el.updateComplete;
    expect(tool(el, 'bold').getAttribute('aria-pressed')).to.equal('true');
    expect(el.value).to.equal('<p>Unplug the <strong>hub</strong></p>');
    await sendKeys({ press: 'Enter' });
    tool(el, 'bullet-list').click();
    await sendKeys({ type: 'Wait ten seconds' });
    expect(parsed(el).querySelector('ul > li')?.textContent).to.equal('Wait ten seconds');
    await expect(el).to.be.accessible();
  });

  it('the toolbar is one Tab stop moved by arrows, Home and End; Alt+F10 reaches it from the text and Escape goes back', async () => {
    const el = await editor('<p>Text</p>');
    const tools = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="tool"]')];
    expect(tools.filter((button) => button.tabIndex === 0)).to.have.length(1);
    expect(tools.map((button) => button.title)).to.include.members([defaultStrings.portalEditorBold, defaultStrings.portalEditorLink]);
    expect(tool(el, 'bold').querySelector('.visually-hidden')?.textContent, 'named in words').to.equal(defaultStrings.portalEditorBold);
    expect(tool(el, 'undo').getAttribute('aria-disabled'), 'nothing to undo yet').to.equal('true');
    content(el).focus();
    await sendKeys({ press: 'Alt+F10' });
    expect(active(el)).to.equal(tools[0]);
    await sendKeys({ press: 'ArrowRight' });
    expect(active(el)).to.equal(tools[1]);
    await sendKeys({ press: 'End' });
    expect(active(el)).to.equal(tools[tools.length - 1]);
    await sendKeys({ press: 'ArrowRight' });
    expect(active(el), 'wraps around').to.equal(tools[0]);
    await sendKeys({ press: 'Escape' });
    expect(active(el)).to.equal(content(el));
  });

  it('keeps only what a step may hold: pasted or given HTML loses scripts, styles, handlers, frames and pasted images', async () => {
    const el = await editor('<p onclick="steal()" style="color:red">Hi<script>alert(1)</script></p><iframe src="https://evil.example"></iframe>');
    expect(el.value).to.equal('<p>Hi</p>');

    const data = new DataTransfer();
    data.setData('text/html', '<h3 style="font-size:40px">Before you start</h3><ul><li onmouseover="x()">Plug in</li></ul><p><a href="javascript:alert(1)">bad</a> <a href="https://help.example/x">good</a></p><img src="data:image/png;base64,iVBORw0KGgo=" alt="pasted"><form><input value="x"></form><style>p{}</style>');
    data.setData('text/plain', 'Before you start');
    content(el).focus();
    content(el).dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    await el.updateComplete;
    const body = parsed(el);
    expect(body.querySelector('h3')?.textContent).to.equal('Before you start');
    expect(body.querySelector('ul li')?.textContent).to.equal('Plug in');
    expect([...body.querySelectorAll('a')].map((a) => a.getAttribute('href'))).to.deep.equal(['https://help.example/x']);
    expect(el.value).to.not.match(/script|style|onmouseover|onclick|<img|<input|<form|javascript:/i);
  });

  it('Link asks for the address: a script address is refused and said, a web address links the chosen words', async () => {
    const el = await editor();
    await typeInto(el, 'Read the manual');
    await pressChord('Shift+Home');
    tool(el, 'link').click();
    const input = (await until(() => part(el, 'link-form')?.querySelector('input'), 'the link form'))!;
    await until(() => active(el) === input, 'the address field focused');
    await sendKeys({ type: 'javascript:alert(1)' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(part(el, 'error')?.textContent).to.equal(defaultStrings.portalEditorLinkInvalid);
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
    input.value = 'https://help.example/manual';
    await sendKeys({ press: 'Enter' });
    await until(() => !part(el, 'link-form'), 'the form closed');
    const link = parsed(el).querySelector('a')!;
    expect([link.getAttribute('href'), link.textContent]).to.deep.equal(['https://help.example/manual', 'Read the manual']);
    expect(active(el), 'back in the text').to.equal(content(el));
  });

  it('Image uploads the file and inserts it with its text alternative; a refused upload is said and reported', async () => {
    const uploads: File[] = [];
    let refuse = false;
    const el = await editor('<p>Look:</p>', async (file) => {
      uploads.push(file);
      if (refuse) throw new Error('too large');
      return 'https://cdn.example/step.png';
    });
    const open = async () => {
      tool(el, 'image').click();
      return (await until(() => part<HTMLFormElement>(el, 'image-form'), 'the image form'))!;
    };
    let form = await open();
    await expect(el).to.be.accessible();
    const files = new DataTransfer();
    files.items.add(new File([new Uint8Array([137, 80, 78, 71])], 'step.png', { type: 'image/png' }));
    form.querySelector<HTMLInputElement>('input[type="file"]')!.files = files.files;
    form.requestSubmit();
    await el.updateComplete;
    expect(part(el, 'error')?.textContent, 'the text alternative is required').to.equal(defaultStrings.portalEditorImageAltMissing);
    expect(uploads).to.have.length(0);
    form.querySelector<HTMLInputElement>('#editor-alt')!.value = 'The reset button, under the lid';
    form.requestSubmit();
    await until(() => !part(el, 'image-form'), 'inserted');
    const image = parsed(el).querySelector('img')!;
    expect([image.getAttribute('src'), image.getAttribute('alt')]).to.deep.equal(['https://cdn.example/step.png', 'The reset button, under the lid']);
    expect(uploads.map((file) => file.name)).to.deep.equal(['step.png']);

    refuse = true;
    form = await open();
    form.querySelector<HTMLInputElement>('input[type="file"]')!.files = files.files;
    form.querySelector<HTMLInputElement>('#editor-alt')!.value = 'Again';
    const failed = oneEvent(el, 'nexus-error');
    form.requestSubmit();
    expect((await failed).detail.message).to.contain('too large');
    await until(() => part(el, 'error'), 'the refusal said');
    expect(part(el, 'error')!.textContent).to.equal(defaultStrings.portalEditorImageFailed.replace('{message}', 'too large'));
    expect(parsed(el).querySelectorAll('img'), 'nothing inserted').to.have.length(1);
  });

  it('has no Image button when nothing can host images', async () => {
    const el = await editor();
    expect(el.shadowRoot!.querySelector('[data-tool="image"]')).to.equal(null);
  });
});
