// The paper the material is printed on, in PDF points (1/72 inch). Shared by the renderer,
// which draws on it, and the scan reader, which measures a scanned page against it.

export const paperNames = ['A4', 'A3'] as const;
export type PaperSize = (typeof paperNames)[number];

export const mm = (value: number): number => (value * 72) / 25.4;

export const paperSizes: Record<PaperSize, { width: number; height: number }> = {
  A4: { width: 595.28, height: 841.89 },
  A3: { width: 841.89, height: 1190.55 },
};
