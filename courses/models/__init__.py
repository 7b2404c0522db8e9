from .pages import (
    CourseIndexPage,
    CoursePage,
    FaqPage,
    HomePage,
    LessonPage,
    VideoLibraryPage,
)
from .skills import Skill
from .videos import Video

__all__ = [
    "CourseIndexPage",
    "CoursePage",
    "FaqPage",
    "HomePage",
    "LessonPage",
    "Skill",
    "Video",
    "VideoLibraryPage",
]
