// The opening paragraph of a Word bulletin: the content's own 综述 (features/bulletin/core/opening.ts, the same text the page
// shows), led into the sections the way a 通报 is: "现将有关情况通报如下：".
import type { BulletinContent } from '../../features/bulletin/core/content-types.js';

export function openingOf(content: BulletinContent): string {
  return `${content.opening.trim()}现将有关情况通报如下：`;
}
