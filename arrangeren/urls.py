"""The paths of the arrangeren features, under one namespace ("arrangeren:…") so that the
URLs and their names stay the same whichever feature app serves them."""

from arrangeren.jeugdhulp import urls as jeugdhulp
from arrangeren.route import urls as route
from arrangeren.tlv import urls as tlv

app_name = "arrangeren"

urlpatterns = [*route.urlpatterns, *jeugdhulp.urlpatterns, *route.acties, *tlv.urlpatterns]
