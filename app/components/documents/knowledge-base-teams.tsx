import { Form } from "react-router";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Select } from "~/components/ui/field";

type Team = { id: string; name: string };

/** Who sees a knowledge base: everyone in the workspace, or only the teams it is shared with. */
export function KnowledgeBaseTeams({ sharedWithTeams, teams, canShare }: { sharedWithTeams: Team[]; teams: Team[]; canShare: boolean }) {
  const shareable = teams.filter((t) => !sharedWithTeams.some((s) => s.id === t.id));
  return (
    <Card title="Who sees it" bodyClassName="flex flex-col gap-3">
      {sharedWithTeams.length === 0 ? (
        <p className="text-sm text-stone-600">Everyone in the workspace. Share it with teams to keep it to them.</p>
      ) : (
        <ul className="flex flex-col gap-1 text-sm">
          {sharedWithTeams.map((t) => (
            <li key={t.id} className="flex items-center justify-between gap-2">
              <span className="min-w-0 break-words">Team {t.name}</span>
              {canShare && (
                <Form method="post">
                  <input type="hidden" name="teamId" value={t.id} />
                  <Button type="submit" name="intent" value="unshare-team" variant="ghost" size="sm">
                    Stop sharing<span className="sr-only"> with {t.name}</span>
                  </Button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
      {canShare && shareable.length > 0 && (
        <Form method="post" className="flex gap-2">
          <input type="hidden" name="intent" value="share-team" />
          <label htmlFor="kb-share-team" className="sr-only">
            Team to share with
          </label>
          <Select id="kb-share-team" name="teamId" className="min-w-0 flex-1">
            {shareable.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </Select>
          <Button type="submit">Share with team</Button>
        </Form>
      )}
    </Card>
  );
}
