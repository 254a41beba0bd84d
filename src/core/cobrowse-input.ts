/**
 * What an agent does to the shared page (`cobrowse.input`), applied in the customer's tab: the
 * laser pointer and highlights (shown, never acting on the page), and, while the customer allows
 * remote control, clicks, scrolls, text and keys. Part of the recorder's chunk: it loads only
 * after the person accepted co-browse.
 *
 * The page decides, whatever the server let through: nothing happens on or inside an element
 * marked `data-nexus-no-control`, a redacted (blocked) element, a password, hidden or file
 * input; clicks and the rest need `control` granted here too.
 */
import type { CobrowseInput } from '../protocol/cobrowse.js';
import { composedClosest, TEXT_FIELD_TYPES } from './composed-dom.js';

/** Why an input was not applied. */
export type InputRefusal = 'not_allowed' | 'no_control' | 'not_found' | 'not_a_field';

export interface InputContext {
  /** The page's node with the recorder's id (null when unknown or gone). */
  node(id: number): Node | null;
  /** The selector of elements never captured (the recorder's block rules). */
  blockSelector: string;
  /** Remote control is granted now. */
  control: boolean;
  /** The agent's name, shown next to the laser. */
  agentName: string;
}

/** The elements that show the laser and highlights; blocked, so the recorder never sends them back. */
const OVERLAY_ATTRIBUTE = 'data-nexus-redact';
const LASER_IDLE_MS = 3000;
const HIGHLIGHT_MS = 2000;

const elementOf = (node: Node | null): Element | null =>
  !node ? null : node instanceof Element ? node : node.parentElement;

/** A text field the agent may type into (never a password, hidden or file input). */
function isTextField(element: Element): element is HTMLInputElement | HTMLTextAreaElement {
  if (element instanceof HTMLTextAreaElement) return true;
  return element instanceof HTMLInputElement && TEXT_FIELD_TYPES.test(element.type || 'text');
}

/** Sets a field's value as typing would, so frameworks that listen to `input` see it. */
function setValue(field: HTMLInputElement | HTMLTextAreaElement, value: string) {
  const proto = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(field, value);
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  field.dispatchEvent(new Event('change', { bubbles: true }));
}

function overlay(className: string, style: string): HTMLElement {
  const element = document.createElement('div');
  element.setAttribute(OVERLAY_ATTRIBUTE, '');
  element.setAttribute('aria-hidden', 'true');
  element.className = className;
  element.style.cssText = `position:fixed;pointer-events:none;z-index:2147483647;${style}`;
  return element;
}

/** The laser dot and highlight boxes of one co-browse, and applying the agent's inputs. */
export class InputApplier {
  private laser?: HTMLElement;
  private laserTimer?: ReturnType<typeof setTimeout>;
  private readonly highlights = new Set<HTMLElement>();

  constructor(private readonly context: () => InputContext) {}

  /** Applies one input; returns why it was refused, or null when applied. */
  apply(input: CobrowseInput): InputRefusal | null {
    const context = this.context();
    if (input.kind === 'laser') {
      this.moveLaser(input.x, input.y, context.agentName);
      return null;
    }
    const target = elementOf(context.node(input.node));
    if (input.kind === 'scroll' && context.node(input.node) instanceof Document) {
      if (!context.control) return 'no_control';
      window.scrollTo(input.x, input.y);
      return null;
    }
    if (!target || !target.isConnected) return 'not_found';
    if (input.kind === 'highlight') {
      this.highlight(target);
      return null;
    }
    if (!context.control) return 'no_control';
    if (composedClosest(target, '[data-nexus-no-control]') || composedClosest(target, context.blockSelector)) return 'not_allowed';
    switch (input.kind) {
      case 'click':
        if (target instanceof HTMLInputElement && /^(password|hidden|file)$/i.test(target.type)) return 'not_allowed';
        (target as HTMLElement).focus?.({ preventScroll: true });
        (target as HTMLElement).click?.();
        return null;
      case 'scroll':
        target.scrollTo(input.x, input.y);
        return null;
      case 'text':
        if (!isTextField(target)) return 'not_a_field';
        target.focus({ preventScroll: true });
        setValue(target, input.value);
        return null;
      case 'key': {
        if (!isTextField(target)) return 'not_a_field';
        target.focus({ preventScroll: true });
        const init = { key: input.key, bubbles: true, composed: true, cancelable: true };
        const go = target.dispatchEvent(new KeyboardEvent('keydown', init));
        if (go && input.key === 'Enter' && target instanceof HTMLInputElement) target.form?.requestSubmit();
        if (go && input.key === 'Backspace') setValue(target, target.value.slice(0, -1));
        target.dispatchEvent(new KeyboardEvent('keyup', init));
        return null;
      }
    }
  }

  /** Removes the laser and highlights (sharing or control ended). */
  clear(): void {
    clearTimeout(this.laserTimer);
    this.laser?.remove();
    this.laser = undefined;
    for (const box of this.highlights) box.remove();
    this.highlights.clear();
  }

  private moveLaser(x: number | null, y: number | null, name: string) {
    clearTimeout(this.laserTimer);
    if (x === null || y === null) {
      this.laser?.remove();
      this.laser = undefined;
      return;
    }
    if (!this.laser) {
      this.laser = overlay(
        'nexus-cobrowse-laser',
        'width:16px;height:16px;margin:-8px 0 0 -8px;border-radius:50%;background:rgba(220,38,38,.85);box-shadow:0 0 0 4px rgba(220,38,38,.3),0 0 12px 4px rgba(220,38,38,.5);transition:left 60ms linear,top 60ms linear',
      );
      this.laser.title = name;
      document.body.append(this.laser);
    }
    this.laser.style.left = `${x}px`;
    this.laser.style.top = `${y}px`;
    this.laserTimer = setTimeout(() => this.moveLaser(null, null, name), LASER_IDLE_MS);
  }

  private highlight(target: Element) {
    const rect = target.getBoundingClientRect();
    const box = overlay(
      'nexus-cobrowse-highlight',
      `left:${rect.left - 4}px;top:${rect.top - 4}px;width:${rect.width + 8}px;height:${rect.height + 8}px;border:3px solid rgba(220,38,38,.9);border-radius:6px;box-sizing:border-box`,
    );
    document.body.append(box);
    this.highlights.add(box);
    setTimeout(() => {
      box.remove();
      this.highlights.delete(box);
    }, HIGHLIGHT_MS);
  }
}
