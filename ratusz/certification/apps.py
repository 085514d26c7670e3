from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificationConfig(AppConfig):
    name = "ratusz.certification"
    label = "certification"
    verbose_name = _("Certification")

    def ready(self) -> None:
        from ratusz.certification import policies, services
        from ratusz.core import jobs

        policies.register()
        jobs.register(
            services.EVIDENCE_PACK_JOB,
            label=_("Evidence pack"),
            runner=services.run_evidence_pack_job,
        )
