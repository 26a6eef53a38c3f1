"""What a painted point's target is, so the Training panel offers only what a click can paint.

Over one input the plot is a curve: a click paints the point under the mouse (x, and the click's
height as its target), whatever class was chosen. On a plane of regression data (reg-plane) the
targets are numbers: a click paints the number typed beside *Paint points*. Otherwise a click
paints a class (or, for outputs that are separate questions, each output's 0 or 1). The panel
offered "class 1" for all of them: on a curve the choice did nothing, and on reg-plane it added
targets of 1 and 0 to data whose targets are other numbers.
"""

from __future__ import annotations

from designer.ui.live.session import LINE, PLANE, Session

HEIGHT, NUMBER, CLASS = "height", "number", "class"


def paint_target(session: Session) -> str:
    """``HEIGHT`` (a curve: the click's height), ``NUMBER`` (a regression plane: a typed target) or ``CLASS``."""
    if session.mode == LINE:
        return HEIGHT
    data = session.data
    painted = len(data.x_train) + len(data.x_test)
    if session.mode == PLANE and painted and not data.problem and not data.classification:
        return NUMBER
    return CLASS
