import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Reports an element's own height (its border box, rounded up to whole CSS pixels) while it is
 * in the page: once when it is first laid out, then every time it changes, whatever the cause
 * (new content, another view, a new width). Self help and live help use it for
 * `nexus-height-change`, which the SDK and the iframe embed pass on to hosts that size a frame or
 * container to the content. The observer stops when the element leaves the page, so an element
 * that is replaced never reports the zero height of a detached box.
 */
class HeightReporter implements ReactiveController {
  private observer?: ResizeObserver;
  private last = -1;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly report: (height: number) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.observer?.disconnect();
    this.observer = new ResizeObserver((entries) => {
      const entry = entries[entries.length - 1];
      const height = Math.ceil(entry.borderBoxSize?.[0]?.blockSize ?? this.host.offsetHeight);
      if (height === this.last || !this.host.isConnected) return;
      this.last = height;
      this.report(height);
    });
    // The border box, which is what is reported: a theme's padding or border counts too.
    this.observer.observe(this.host, { box: 'border-box' });
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    // Back in the page, it reports its height again.
    this.last = -1;
  }
}

/** Starts reporting `host`'s height to `report` (see `HeightReporter`); call it in the constructor. */
export function reportHeight(host: ReactiveControllerHost & HTMLElement, report: (height: number) => void): void {
  new HeightReporter(host, report);
}
