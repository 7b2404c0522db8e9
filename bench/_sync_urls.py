"""The site's URLs plus /bench/bare-visits: a bare Django JSON endpoint for bench/sync.py.

It takes the same batch body as POST /api/v1/batch and stores each visit with
the least plain Django can do (no schema, no scope check, no ledger, no
validation): the floor the sync API is compared with.
"""

import json

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.http import require_POST

from literacy.urls import urlpatterns as site_urlpatterns
from volunteers.models import Household, Visit


@login_required
@require_POST
def bare_visits(request):
    body = json.loads(request.body)
    results = []
    with transaction.atomic():
        for item in body["items"]:
            data = item["data"]
            household = Household.objects.only("pk", "team_id").get(pk=data["household_id"])
            visit = Visit.objects.create(
                uuid=item["client_id"],
                household=household,
                team_id=household.team_id,
                recorded_by=request.user,
                visited_at=data["visited_at"],
                duration_minutes=data["duration_minutes"],
                outcome=data.get("outcome", "done"),
            )
            visit.volunteers.add(request.user)
            results.append({"client_id": item["client_id"], "status": "created", "id": visit.pk})
    return JsonResponse({"results": results})


urlpatterns = [path("bench/bare-visits", bare_visits), *site_urlpatterns]
