/**
 * Live help as people see it, for the end-to-end files: a customer on the demo support page and
 * an agent on the demo agent console, each a page in a browser context of its own, and what they
 * do and read (the chat button, the offer, the composers, the transcripts).
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { watchedPage } from './setup.js';

export interface Side {
  context: BrowserContext;
  page: Page;
  problems: string[];
  /** The nexus-* events the page heard, in order. */
  events: () => Promise<{ name: string; detail: Record<string, unknown> }[]>;
}

const EVENTS = ['nexus-live-help-start', 'nexus-chat-message', 'nexus-chat-agent-join', 'nexus-chat-end', 'nexus-chat-rate', 'nexus-error'];

/** `url` in a page of its own browser context (its own storage, like another person's browser). */
export async function openSide(browser: Browser, url: string): Promise<Side> {
  const { context, page, problems } = await watchedPage(browser);
  await page.addInitScript((names: string[]) => {
    const seen: unknown[] = ((window as unknown as { __events: unknown[] }).__events = []);
    for (const name of names) document.addEventListener(name, (event) => seen.push({ name, detail: (event as CustomEvent).detail }));
  }, EVENTS);
  await page.goto(url);
  return { context, page, problems, events: () => page.evaluate(() => (window as unknown as { __events: never[] }).__events) };
}

/** Texts of the messages in a transcript, in order. */
export const texts = (transcript: Locator) => transcript.locator('[part~="message-text"]').allTextContents().then((all) => all.map((t) => t.trim()));

export async function say(composer: Locator, text: string) {
  await composer.fill(text);
  await composer.press('Enter');
}

/** The customer asks for a chat on the demo page (button, queue); the agent accepts the offer. */
export async function startChat(customer: Side, agent: Side) {
  await customer.page.locator('nexus-live-help [part~="chat-button"]').click();
  await customer.page.locator('[part~="queue"]').getByText('Waiting for an agent').waitFor();
  const offer = agent.page.locator('[part~="offer"]');
  await offer.waitFor();
  await offer.locator('[part~="accept-button"]').click();
  await customer.page.locator('[part~="system"]').getByText('joined the chat').waitFor();
  return {
    customerTranscript: customer.page.locator('nexus-chat [part~="transcript"]'),
    agentTranscript: agent.page.locator('[part~="chat"] [part~="transcript"]'),
    composer: customer.page.locator('nexus-chat [part~="input"]'),
    agentComposer: agent.page.locator('[part~="composer-input"]'),
  };
}

/**
 * Everything the agent's view shows (text, attribute and field values, shadow roots included),
 * read from the replayer's same-origin iframe by the agent page itself.
 */
export function viewDump(agent: Page): Promise<string | null> {
  // A string, not a function: the test's compiler would add helpers the page does not have.
  return agent.evaluate(`(() => {
    const host = document.querySelector('nexus-agent-console');
    const frame = host && host.shadowRoot && host.shadowRoot.querySelector('[part~="cobrowse-view"] iframe');
    const doc = frame && frame.contentDocument;
    if (!doc) return null;
    const out = [];
    const walk = (node) => {
      if (node.nodeType === Node.TEXT_NODE) out.push(node.textContent || '');
      if (node.nodeType === Node.ELEMENT_NODE) {
        for (const attribute of node.attributes) out.push(attribute.value);
        if ('value' in node) out.push(String(node.value));
        if (node.shadowRoot) walk(node.shadowRoot);
      }
      for (const child of node.childNodes) walk(child);
    };
    walk(doc);
    return out.join('\\n');
  })()`);
}
