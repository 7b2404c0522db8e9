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
from .skills import Skill
from .synonyms import SearchSynonym
from .videos import Video

__all__ = [
    "AutosavedDraft",
    "CourseIndexPage",
    "CoursePage",
    "FaqPage",
    "HomePage",
    "LessonPage",
    "SearchSynonym",
    "Skill",
    "UnansweredQuestion",
    "Video",
    "VideoLibraryPage",
]
