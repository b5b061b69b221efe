"""A phone in the browser tests: its screen and the check that nothing sticks out."""

from __future__ import annotations

from playwright.sync_api import Page

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 3,
    "is_mobile": True,
    "has_touch": True,
}
# The narrowest phone the app is made for (issue 16): an iPhone SE or mini.
PHONE_SMALL = {**PHONE, "viewport": {"width": 375, "height": 800}}


def expect_no_horizontal_scroll(page: Page) -> None:
    """Nothing sticks out sideways on the phone.

    With is_mobile, Chromium widens the layout viewport (window.innerWidth) to fit content
    that sticks out, so compare with the phone's own width as well.
    """
    scroll, breedte = page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    telefoon = page.viewport_size["width"]
    assert breedte == telefoon, f"the layout viewport grew to {breedte}px: something sticks out"
    assert scroll <= breedte + 1, f"the page scrolls sideways ({scroll}px > {breedte}px)"
