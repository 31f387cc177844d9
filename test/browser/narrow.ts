import type { Page } from 'playwright-core';

// Kept as text: tsx would wrap named functions in a helper the browser does not have.
const script = `(() => {
  const width = document.documentElement.clientWidth;
  const inScroller = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
    }
    return false;
  };
  return [...document.querySelectorAll('body *')]
    .filter((el) => el.getBoundingClientRect().right > width + 1 && !inScroller(el))
    .map((el) => el.tagName.toLowerCase() + '.' + el.className + ' "' + (el.textContent ?? '').trim().slice(0, 30) + '"')
    .slice(0, 10);
})()`;

/**
 * What sticks out past the right edge of a narrow screen (the page itself scrolling sideways), by
 * tag, class and start of its text; a table inside a scrolling wrapper does not count.
 */
export async function sticksOut(page: Page): Promise<string[]> {
  return page.evaluate(script) as Promise<string[]>;
}
