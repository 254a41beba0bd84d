/**
 * English strings of the guided path (`<nexus-guided-path>`), registered when it loads. (Self
 * help's own `guidedPath` and `guideClose` stay in ./strings.ts.)
 */
import { registerEnglish } from './strings.js';

export const guideStrings = {
  guideProgress: 'Step {current} of {total}',
  guideBack: 'Back',
  guideNext: 'Next',
  guideRestart: 'Start over',
  guideChoose: 'Choose an answer',
  guideSolvedQuestion: 'Did this solve your problem?',
  guideSolvedYes: 'Yes, it’s solved',
  guideSolvedNo: 'No, I still need help',
  guideResolvedTitle: 'Great, you’re all set!',
  guideResolvedBody: 'Thanks for letting us know.',
  guideEscalateTitle: 'Let’s get you to a person',
  guideEscalateBody: 'Our support team can take it from here.',
} as const;

registerEnglish(guideStrings);
