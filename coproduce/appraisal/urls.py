from django.urls import path

from coproduce.appraisal import views

app_name = "appraisal"
urlpatterns = [
    path("areas/<slug:slug>/appraisals/", views.appraisal_list, name="list"),
    path("areas/<slug:slug>/appraisals/new/", views.appraisal_create, name="create"),
    path("appraisals/<int:pk>/", views.appraisal_detail, name="detail"),
    path("appraisals/<int:pk>/status/", views.appraisal_status, name="status"),
    path("appraisals/<int:pk>/options/new/", views.option_create, name="option_create"),
    path("appraisal-options/<int:pk>/exclude/", views.option_exclude, name="option_exclude"),
    path("appraisal-options/<int:pk>/restore/", views.option_restore, name="option_restore"),
    path("appraisals/<int:pk>/criteria/new/", views.criterion_create, name="criterion_create"),
    path("appraisal-criteria/<int:pk>/edit/", views.criterion_edit, name="criterion_edit"),
    path("appraisals/<int:pk>/score/", views.appraisal_score, name="score"),
    path("appraisals/<int:pk>/results/", views.appraisal_results, name="results"),
    path("appraisals/<int:pk>/agree/", views.appraisal_agree, name="agree"),
    path("appraisals/<int:pk>/record/", views.appraisal_record, name="record"),
    path("appraisals/<int:pk>/record.pdf", views.appraisal_record_pdf, name="record_pdf"),
    path("appraisals/<int:pk>/publish/", views.appraisal_publish, name="publish"),
]
