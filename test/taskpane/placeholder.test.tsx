/**
 * @jest-environment jsdom
 */
// The placeholder task pane (the real one is its own issue): it renders, and mounts without office.js.
import { act } from "react";
import { render, screen } from "@testing-library/react";
import { App } from "../../src/taskpane/App";

(globalThis as Record<string, unknown>).IS_REACT_ACT_ENVIRONMENT = true;

describe("task pane placeholder", () => {
  it("shows the add-in's name and how to use the functions", () => {
    render(<App />);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Scorebook 评审助手");
    expect(screen.getByText(/=QA\.ITEMSCORE/)).toBeTruthy();
  });

  it("mounts into #root at once when office.js is absent (a preview outside Office)", async () => {
    document.body.innerHTML = '<div id="root"></div>';
    await act(async () => {
      await import("../../src/taskpane/index");
    });
    expect(document.querySelector("#root h1")?.textContent).toBe("Scorebook 评审助手");
  });
});
