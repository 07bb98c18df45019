// Previous and next buttons under a long list, with which rows of how many it shows: the wall's
// agents and queues, the admin page's queues, agents, users and teams.

import { h } from '../dom.js';
import { t } from '../i18n.js';

export class Pager {
  /**
   * @param id prefix of the element ids (`${id}-previous`, `${id}-next`, `${id}-range`)
   * @param label the navigation's accessible name
   * @param size rows a page
   * @param go called with the new offset when a button turns the page
   */
  constructor(id, label, size, go) {
    this.size = size;
    this.go = go;
    this.offset = 0;
    this.range = h('span', { class: 'muted small', id: `${id}-range` });
    this.previous = h('button', { type: 'button', class: 'button small', id: `${id}-previous`, text: t('wall.page.previous'),
      on: { click: () => this.move(-this.size) } });
    this.next = h('button', { type: 'button', class: 'button small', id: `${id}-next`, text: t('wall.page.next'),
      on: { click: () => this.move(this.size) } });
    this.element = h('nav', { class: 'wall-pager', 'aria-label': label }, this.previous, this.range, this.next);
  }

  /** Turns the page at once, so a second click before an answer turns it again. */
  move(by) {
    this.offset = Math.max(0, this.offset + by);
    this.go(this.offset);
  }

  /** Shows rows offset + 1 to offset + shown of total; hidden while one page holds them all. */
  update(offset, shown, total) {
    this.offset = offset;
    this.element.hidden = total <= this.size && offset === 0;
    this.range.textContent = t('wall.page.range', { from: shown ? offset + 1 : 0, to: offset + shown, total });
    this.previous.disabled = offset === 0;
    this.next.disabled = offset + shown >= total;
  }
}
