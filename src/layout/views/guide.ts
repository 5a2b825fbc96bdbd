// View data for the facilitation checklist.
import type { Content } from '../../content/model.js';
import { fillPlaceholders } from '../../text.js';

export function guideView(content: Content) {
  const guide = content.processGuide;
  const categories = content.scoring.scale.map((c) => c.label).join(', ');
  return {
    ...guide,
    calculation: {
      ...guide.calculation,
      steps: guide.calculation.steps.map((step) => ({ ...step, tasks: step.tasks.map((t) => fillPlaceholders(t, { categories })) })),
    },
    approaches: guide.approaches.map((approach) => {
      let n = 0; // steps are numbered through all phases of an approach, as in the guide
      return {
        ...approach,
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
