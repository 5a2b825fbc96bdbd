// View data for the facilitation checklist.
import type { Content } from '../../content/model.js';
import { UserError } from '../../errors.js';
import { fillPlaceholders } from '../../text.js';
import { workshopLines } from './common.js';
import { posterSheets } from './poster.js';

export interface GuideOptions {
  /** Print only this approach (1-based, as in "Tilgang 1"); both when absent. */
  tilgang?: number;
}

/** Throws UserError unless the checklist has approach number `tilgang` (1-based). */
export function checkApproach(content: Content, tilgang: number): void {
  const { approaches } = content.processGuide;
  if (!Number.isInteger(tilgang) || tilgang < 1 || tilgang > approaches.length) {
    const choices = approaches.map((_, i) => i + 1).join(' or ');
    throw new UserError({
      file: '--tilgang',
      message: `${tilgang} is not an approach of the checklist; give ${choices}`,
    });
  }
}

/** The approaches to print: the one asked for, or all. */
function chosenApproaches(content: Content, tilgang: number | undefined) {
  const { approaches } = content.processGuide;
  if (tilgang === undefined) return approaches;
  checkApproach(content, tilgang);
  return [approaches[tilgang - 1]];
}

export function guideView(content: Content, options: GuideOptions = {}) {
  const guide = content.processGuide;
  const categories = content.scoring.scale.map((c) => c.label).join(', ');
  return {
    ...guide,
    pageLabel: content.meta.pageLabel,
    /** Workplace, unit, date and facilitator from workshop.yaml, under the subtitle; '' without one. */
    workshopLine: workshopLines(guide.workshop, content.workshop).join(' · '),
    toolsToBring: {
      ...guide.toolsToBring,
      items: guide.toolsToBring.items.map((item) => fillPlaceholders(item, { posterSheets: posterSheets(content) })),
    },
    calculation: {
      ...guide.calculation,
      steps: guide.calculation.steps.map((step) => ({
        ...step,
        tasks: step.tasks.map((t) => fillPlaceholders(t, { categories })),
      })),
    },
    approaches: chosenApproaches(content, options.tilgang).map((approach) => {
      let n = 0; // steps are numbered through all phases of an approach, as in the guide
      return {
        ...approach,
        /** Tilgang 2's deadline and where to send the tests, from workshop.yaml; '' without. */
        workshopLine: workshopLines(approach.workshop, content.workshop).join(' · '),
        phases: approach.phases.map((phase) => ({
          name: phase.name,
          steps: phase.steps.map((step) => ({
            title: `${++n}. ${step.title}`,
            tasks: step.tasks,
            tools: step.tools.length > 0 ? `${guide.phaseColumns.tools}: ${step.tools.join(' · ')}` : '',
          })),
        })),
      };
    }),
  };
}
