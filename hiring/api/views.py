"""The API's endpoints: thin; reads from .selectors, writes through the web's services."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from candidates import services as candidate_services
from candidates.models import CLOSED_STAGES, Stage
from candidates.stage_names import stage_name
from passionhire.params import parse_id
from passionhire.permissions import RECRUITER, has_role, roles_of

from ..services.board import StaleMove, application_move
from . import selectors
from .serializers import (
    ApplicationCreateSerializer,
    ApplicationSerializer,
    CandidateSerializer,
    DecisionOutSerializer,
    DecisionSerializer,
    EvidenceSerializer,
    MoveSerializer,
    RoleSerializer,
    StageSerializer,
)


class RecruitersOnly(BasePermission):
    message = "Only recruiters read and add candidates, as on the web."

    def has_permission(self, request, view):
        return has_role(request.user, RECRUITER)


def _id_param(request, name: str) -> int | None:
    """An optional id filter: a plain ASCII number or a clear 400."""
    value = request.query_params.get(name)
    if value in (None, ""):
        return None
    parsed = parse_id(value)
    if parsed is None:
        raise ValidationError({name: "Give a number."})
    return parsed


class RoleList(generics.ListAPIView):
    """The roles you may read: every role for a recruiter, your own for a hiring manager."""

    serializer_class = RoleSerializer

    def get_queryset(self):
        return selectors.roles_for(self.request.user)


class RoleDetail(generics.RetrieveAPIView):
    serializer_class = RoleSerializer

    def get_queryset(self):
        return selectors.roles_for(self.request.user)


class StageList(APIView):
    """The pipeline's stages, in order."""

    pagination_class = None

    @extend_schema(responses=StageSerializer(many=True))
    def get(self, request):
        data = [
            {"value": s.value, "label": stage_name(s.value), "closed": s in CLOSED_STAGES}
            for s in Stage
        ]
        return Response(StageSerializer(data, many=True).data)


FILTERS = [
    OpenApiParameter("role", int, description="Only this role's applications."),
    OpenApiParameter("stage", str, enum=Stage.values, description="Only at this stage."),
    OpenApiParameter("candidate", int, description="Only this candidate's (recruiters)."),
]


class ApplicationList(generics.ListCreateAPIView):
    """Applications on the roles you may read, oldest first; scores never filter or order them."""

    serializer_class = ApplicationSerializer

    def get_queryset(self):
        stage = self.request.query_params.get("stage", "")
        if stage and stage not in Stage.values:
            raise ValidationError({"stage": "Choose one of: " + ", ".join(Stage.values)})
        ask = selectors.ApplicationFilter(
            role=_id_param(self.request, "role"),
            stage=stage,
            candidate=_id_param(self.request, "candidate"),
        )
        return selectors.applications_for(self.request.user, ask)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return selectors.redact_page(self.request.user, list(page))

    @extend_schema(parameters=FILTERS)
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(request=ApplicationCreateSerializer, responses={201: ApplicationSerializer})
    def post(self, request, *args, **kwargs):
        """Put a person on a role's pipeline (recruiters): the candidate is matched by email or
        created; the same person twice on one role, or a closed role, is refused (400)."""
        if not has_role(request.user, RECRUITER):
            return Response({"detail": RecruitersOnly.message}, status=status.HTTP_403_FORBIDDEN)
        given = ApplicationCreateSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        role = selectors.roles_for(request.user).filter(pk=data["role"]).first()
        if role is None:
            raise ValidationError({"role": "No such role."})
        added = candidate_services.candidate_add_to_role(
            added_by=request.user,
            role=role,
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            source=data["source"],
            consent_to_contact=data["consent_to_contact"],
            consent_source=data["consent_source"]
            or f"Given through the API by {request.auth.name}",
        )
        shown = selectors.application_for(request.user, added.application.pk)
        return Response(ApplicationSerializer(shown).data, status=status.HTTP_201_CREATED)


class ApplicationDetail(APIView):
    @extend_schema(responses=ApplicationSerializer)
    def get(self, request, pk: int):
        return Response(ApplicationSerializer(_application(request, pk)).data)


def _application(request, pk: int):
    application = selectors.application_for(request.user, pk)
    if application is None:
        raise NotFound()
    return application


class EvidenceList(APIView):
    """The evidence behind the scores; empty while your own interview of them is unrecorded."""

    @extend_schema(responses=EvidenceSerializer(many=True))
    def get(self, request, pk: int):
        application = _application(request, pk)
        return Response(
            EvidenceSerializer(selectors.evidence_for(request.user, application), many=True).data
        )


class Conflict(ValidationError):
    status_code = status.HTTP_409_CONFLICT


class MoveView(APIView):
    """Move to another stage, as the board does: a forward move, or an offer, hire, rejection
    or withdrawal with its reason. `seen_stage` must be the stage it is at (else 409)."""

    @extend_schema(request=MoveSerializer, responses=ApplicationSerializer)
    def post(self, request, pk: int):
        _application(request, pk)
        given = MoveSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            application_move(application_id=pk, moved_by=request.user, **given.validated_data)
        except StaleMove as stale:
            raise Conflict({"seen_stage": stale.messages}) from None
        return Response(ApplicationSerializer(_application(request, pk)).data)


class DecisionList(APIView):
    """The decisions on an application (GET) and a new one (POST, with its reason)."""

    @extend_schema(responses=DecisionOutSerializer(many=True))
    def get(self, request, pk: int):
        application = _application(request, pk)
        return Response(DecisionOutSerializer(selectors.decisions_for(application), many=True).data)

    @extend_schema(request=DecisionSerializer, responses={201: DecisionOutSerializer})
    def post(self, request, pk: int):
        _application(request, pk)
        given = DecisionSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        try:
            decision = candidate_services.decision_record(
                application_id=pk,
                kind=data["kind"],
                reason=data["reason"],
                decided_by=request.user,
                seen_stage=data["seen_stage"],
            )
        except candidate_services.StaleDecision as stale:
            raise Conflict({"seen_stage": stale.messages}) from None
        return Response(DecisionOutSerializer(decision).data, status=status.HTTP_201_CREATED)


class CandidateList(generics.ListAPIView):
    """Every candidate (recruiters), with the ids of their applications."""

    serializer_class = CandidateSerializer
    permission_classes = [*generics.ListAPIView.permission_classes, RecruitersOnly]

    @extend_schema(parameters=[OpenApiParameter("q", str, description="Name or email contains.")])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        query = self.request.query_params.get("q", "")[:100]
        return selectors.candidates_for(self.request.user, query=query)


class CandidateDetail(generics.RetrieveAPIView):
    serializer_class = CandidateSerializer
    permission_classes = [*generics.RetrieveAPIView.permission_classes, RecruitersOnly]

    def get_queryset(self):
        return selectors.candidates_for(self.request.user)


class Me(APIView):
    """Who the token belongs to, what it may do and until when."""

    @extend_schema(
        responses={
            200: {
                "type": "object",
                "properties": {
                    "username": {"type": "string"},
                    "roles": {"type": "array", "items": {"type": "string"}},
                    "scope": {"type": "string", "enum": ["read", "write"]},
                    "expires_at": {"type": "string", "format": "date-time"},
                },
            }
        }
    )
    def get(self, request):
        return Response(
            {
                "username": request.user.get_username(),
                "roles": sorted(roles_of(request.user)),
                "scope": request.auth.scope,
                "expires_at": request.auth.expires_at,
            }
        )
