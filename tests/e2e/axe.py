"""axe-core (npm, `make assets` installs it) in the browser: WCAG 2.1 A/AA violations.

The script is injected into the page, so the browser context must be made with
`bypass_csp=True`: the app's Content-Security-Policy rightly refuses scripts it did
not serve itself.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.1 level A and AA, the standard the Dutch public sector is held to (EN 301 549).
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page: Page) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now: id, impact, help
    and the first few elements (CSS selectors) it found them on."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {
                runOnly: {type: "tag", values: tags},
                resultTypes: ["violations"],
            });
            return result.violations.map((v) => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
                details: v.nodes.slice(0, 3).map((n) => n.failureSummary),
            }));
        }""",
        WCAG,
    )


def describe(url: str, width: int, violations: list[dict]) -> list[str]:
    """One readable line per violation, for an assertion message."""
    return [
        f"{url} @{width}px: {v['id']} ({v['impact']}) {v['help']} {v['nodes']}" for v in violations
    ]
