// Asked before 生成 adds a scoring set for an applicant, expert and stage the workbook already has one for: go to
// the existing sheets (the default: most often the reviewer forgot they had it), add another set under the next
// suffix, or cancel. Nothing is replaced: the existing sheets may hold the reviewer's scores.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
} from "@fluentui/react-components";
import { useStrings } from "./i18n";

export interface SameSetDialogProps {
  /** Who the set is for, as the dialog names it. */
  who: string;
  /** The existing sets' 评分 sheets. */
  sheets: string[];
  /** The 评分 sheet another set would get ("评分 (2)"). */
  next: string;
  onOpen: () => void;
  onAdd: () => void;
  onCancel: () => void;
}

export function SameSetDialog({ who, sheets, next, onOpen, onAdd, onCancel }: SameSetDialogProps) {
  const t = useStrings().generate.same;
  return (
    <Dialog open modalType="alert" onOpenChange={(_, d) => !d.open && onCancel()}>
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>{t.title}</DialogTitle>
          <DialogContent>{t.body(who, sheets.join("、"))}</DialogContent>
          <DialogActions fluid position="start">
            <Button appearance="primary" onClick={onOpen}>
              {t.open}
            </Button>
            <Button onClick={onAdd}>{t.add(next)}</Button>
            <Button onClick={onCancel}>{t.cancel}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
