from .apps import App
from .drafts import AutosavedDraft
from .pages import (
    CourseIndexPage,
    CoursePage,
    FaqPage,
    HomePage,
    LessonPage,
    VideoLibraryPage,
)
from .questions import UnansweredQuestion
from .reviews import LessonReads, ScreenReport
from .skills import Skill, skill_names
from .synonyms import SearchSynonym
from .videos import Video

__all__ = [
    "App",
    "AutosavedDraft",
    "CourseIndexPage",
    "CoursePage",
    "FaqPage",
    "HomePage",
    "LessonPage",
    "LessonReads",
    "ScreenReport",
    "SearchSynonym",
    "Skill",
    "skill_names",
    "UnansweredQuestion",
    "Video",
    "VideoLibraryPage",
]
