// The poll's one name for residents: the round's public title, which is its questionnaire's publicTitle (the plain
// title when the file sets none). The resident form, the poster and the round's pages print it, so a resident who
// scans a poster finds the same name at the top of the form.
import type { Survey } from './model.js';

export function publicTitleOf(survey: Pick<Survey, 'publicTitle' | 'title'>): string {
  return survey.publicTitle ?? survey.title;
}
