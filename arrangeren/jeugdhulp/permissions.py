"""Who registers and sees jeugdhulp and who logs its hours (docs/jeugdhulp.md)."""

from arrangeren.route.permissions import TrajectRechten, jeugdteam_met_toestemming


def registreert_jeugdhulp(rechten: TrajectRechten) -> bool:
    """New jeugdhulp is registered by the jeugdteam, not on a pupil who left the school."""
    return jeugdteam_met_toestemming(rechten) and not rechten.alleen_lezen


def ziet_jeugdhulp(rechten: TrajectRechten, inzet=None) -> bool:
    """Inzet and hours: the school's coördinator (or whoever holds regie), parents, the
    jeugdteam and the aanbieder concerned (issue 5: not every teacher)."""
    if rechten.bewerken or rechten.ouder or jeugdteam_met_toestemming(rechten):
        return True
    return bool(
        rechten.soorten
        and inzet is not None
        and rechten.extern_organisatie_id == inzet.aanbieder_id
    )


def logt_uren(rechten: TrajectRechten, inzet) -> bool:
    """Hours are logged by the jeugdteam or by the aanbieder's own worker."""
    return jeugdteam_met_toestemming(rechten) or (
        bool(rechten.soorten) and rechten.extern_organisatie_id == inzet.aanbieder_id
    )


def maakt_eindafspraken(rechten: TrajectRechten, inzet) -> bool:
    """The agreements for the end of care are made by the parties together (Regionale
    afspraken Duin- en Bollenstreek, Rol jeugdhulpaanbieders: "Partijen zorgen samen voor
    een vloeiende overgang"): the school's coördinator (or whoever holds regie), the
    jeugdteam and the aanbieder's own worker; not on a pupil who left the school."""
    return not rechten.alleen_lezen and (rechten.bewerken or logt_uren(rechten, inzet))
